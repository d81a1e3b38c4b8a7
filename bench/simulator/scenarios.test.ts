import { describe, expect, it } from 'vitest';
import { defaultProfiles } from './providers.ts';
import { arrivalTimes } from './request-stream.ts';
import { buildScenarios } from './scenario-catalogue.ts';
import { isHealthy, normalState, scriptScenario } from './scenarios.ts';

const minute = 60_000;

describe('scriptScenario', () => {
  const scenario = scriptScenario({
    name: 'test',
    description: 'two events',
    durationMs: 60 * minute,
    requestsPerSecond: 10,
    events: [
      { target: 0, fromMs: 10 * minute, toMs: 20 * minute, change: (s) => ({ ...s, down: true }) },
      {
        target: 1,
        fromMs: 30 * minute,
        rampMs: 10 * minute,
        change: (s, progress) => ({ ...s, latencyFactor: 1 + progress }),
      },
    ],
  });

  it('applies an event only inside its window and only to its target', () => {
    expect(scenario.stateAt(0, 10 * minute - 1).down).toBe(false);
    expect(scenario.stateAt(0, 10 * minute).down).toBe(true);
    expect(scenario.stateAt(0, 20 * minute - 1).down).toBe(true);
    expect(scenario.stateAt(0, 20 * minute).down).toBe(false);
    expect(scenario.stateAt(1, 15 * minute).down).toBe(false);
  });

  it('ramps a gradual change over rampMs, then holds it to the end', () => {
    expect(scenario.stateAt(1, 30 * minute).latencyFactor).toBe(1);
    expect(scenario.stateAt(1, 35 * minute).latencyFactor).toBeCloseTo(1.5);
    expect(scenario.stateAt(1, 59 * minute).latencyFactor).toBe(2);
  });

  it('leaves untouched targets in their profile state', () => {
    const profile = defaultProfiles[2];
    if (profile === undefined) throw new Error('no third profile');
    expect(scenario.stateAt(2, 35 * minute)).toEqual(normalState(profile));
  });
});

describe('buildScenarios', () => {
  it('writes the primary outage from minute 15 to 25 of an hour', () => {
    const outage = buildScenarios({ durationMs: 60 * minute, requestsPerSecond: 10 }).find(
      (scenario) => scenario.name === 'primary-outage',
    );
    expect(outage?.stateAt(0, 15 * minute - 1).down).toBe(false);
    expect(outage?.stateAt(0, 15 * minute).down).toBe(true);
    expect(outage?.stateAt(0, 25 * minute).down).toBe(false);
  });

  it('scales the script to a five-minute quick run', () => {
    const quick = buildScenarios({ durationMs: 5 * minute, requestsPerSecond: 10 });
    const outage = quick.find((scenario) => scenario.name === 'primary-outage');
    expect(outage?.stateAt(0, 74_000).down).toBe(false);
    expect(outage?.stateAt(0, 76_000).down).toBe(true);
    expect(outage?.stateAt(0, 126_000).down).toBe(false);
  });

  it('keeps one target healthy in every scenario at every minute', () => {
    for (const scenario of buildScenarios({ durationMs: 60 * minute, requestsPerSecond: 10 })) {
      for (let at = 0; at < scenario.durationMs; at += minute) {
        const healthy = scenario.profiles.some((_, index) =>
          isHealthy(scenario.stateAt(index, at)),
        );
        expect(healthy, `${scenario.name} at ${at / minute} min`).toBe(true);
      }
    }
  });

  it('makes the cheapest target the most expensive at minute 30 of the price flip', () => {
    const flip = buildScenarios({ durationMs: 60 * minute, requestsPerSecond: 10 }).find(
      (scenario) => scenario.name === 'price-flip',
    );
    const total = (index: number, at: number) => {
      const price = flip?.stateAt(index, at).price;
      return (price?.input ?? 0) + (price?.output ?? 0);
    };
    const indexes = [0, 1, 2, 3];
    expect(Math.min(...indexes.map((index) => total(index, 29 * minute)))).toBe(total(0, 0));
    expect(Math.max(...indexes.map((index) => total(index, 31 * minute)))).toBe(
      total(0, 31 * minute),
    );
  });
});

describe('arrivalTimes', () => {
  const [steady] = buildScenarios({ durationMs: 10 * minute, requestsPerSecond: 10 });

  it('is the same stream for the same seed and about rate x duration long', () => {
    if (steady === undefined) throw new Error('no scenario');
    const first = arrivalTimes(steady, 42);
    expect(arrivalTimes(steady, 42)).toEqual(first);
    expect(first.length).toBeGreaterThan(5_700);
    expect(first.length).toBeLessThan(6_300);
    expect(first.every((at, index) => index === 0 || at >= (first[index - 1] ?? 0))).toBe(true);
  });
});
