import { type Scenario, type ScenarioEvent, scriptScenario } from './scenarios.ts';

export interface CatalogueOptions {
  /** Virtual length of each scenario; the scripted times scale with it (1 hour = as written). */
  durationMs: number;
  requestsPerSecond: number;
}

const hour = 3_600_000;
const down: ScenarioEvent['change'] = (state) => ({ ...state, down: true });

/**
 * The scripted scenarios. Target 0 is the configured primary and the cheapest. Times are
 * written for a one-hour run and scale with `durationMs` (a 5-minute run keeps the shape).
 */
export function buildScenarios(options: CatalogueOptions): Scenario[] {
  const at = (minutes: number) => Math.round((minutes * 60_000 * options.durationMs) / hour);
  const base = { durationMs: options.durationMs, requestsPerSecond: options.requestsPerSecond };
  return [
    scriptScenario({
      ...base,
      name: 'steady-state',
      description: 'Every target in its normal state for the whole run.',
      events: [],
    }),
    scriptScenario({
      ...base,
      name: 'primary-outage',
      description: 'The primary answers 503 to everything from minute 15 to 25, then recovers.',
      events: [{ target: 0, fromMs: at(15), toMs: at(25), change: down }],
    }),
    scriptScenario({
      ...base,
      name: 'brown-out',
      description: 'The primary fails 30% of attempts and is 3x slower from minute 15 to 35.',
      events: [
        {
          target: 0,
          fromMs: at(15),
          toMs: at(35),
          change: (state) => ({ ...state, errorRate: 0.3, latencyFactor: 3 }),
        },
      ],
    }),
    scriptScenario({
      ...base,
      name: 'price-flip',
      description: 'At minute 30 the cheapest target becomes the most expensive ($1.20/M).',
      events: [
        {
          target: 0,
          fromMs: at(30),
          change: (state) => ({ ...state, price: { input: 1.2, output: 1.2 } }),
        },
      ],
    }),
    scriptScenario({
      ...base,
      name: 'slow-degradation',
      description: 'From minute 10 to 50 the primary slows to 4x and its errors climb to 10%.',
      events: [
        {
          target: 0,
          fromMs: at(10),
          rampMs: at(40),
          change: (state, progress) => ({
            ...state,
            latencyFactor: 1 + 3 * progress,
            errorRate: state.errorRate + (0.1 - state.errorRate) * progress,
          }),
        },
      ],
    }),
    scriptScenario({
      ...base,
      name: 'all-but-one-down',
      description: 'From minute 15 to 45 every target but the most expensive one answers 503.',
      events: [0, 1, 2].map((target) => ({ target, fromMs: at(15), toMs: at(45), change: down })),
    }),
  ];
}
