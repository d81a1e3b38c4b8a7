import { defaultProfiles, type Price, type ProviderProfile } from './providers.ts';

/** The true state of one target at one moment: what the oracle knows and the others learn. */
export interface ProviderState {
  down: boolean;
  errorRate: number;
  /** Multiplies the profile's latency. */
  latencyFactor: number;
  price: Price;
  rateLimitPerSecond: number;
}

/** A scripted change to one target between two times; `progress` runs 0 → 1 over `rampMs`. */
export interface ScenarioEvent {
  target: number;
  fromMs: number;
  /** Default: to the end of the run. */
  toMs?: number;
  rampMs?: number;
  change: (state: ProviderState, progress: number) => ProviderState;
}

export interface Scenario {
  name: string;
  description: string;
  durationMs: number;
  requestsPerSecond: number;
  profiles: readonly ProviderProfile[];
  /** The true state of target `index` at `atMs`. */
  stateAt(index: number, atMs: number): ProviderState;
}

export interface ScenarioScript {
  name: string;
  description: string;
  durationMs: number;
  requestsPerSecond: number;
  profiles?: readonly ProviderProfile[];
  events: ScenarioEvent[];
}

export const normalState = (profile: ProviderProfile): ProviderState => ({
  down: false,
  errorRate: profile.errorRate,
  latencyFactor: 1,
  price: profile.price,
  rateLimitPerSecond: profile.rateLimitPerSecond,
});

/** Healthy: up, failing under 5% of attempts and no more than twice its normal latency. */
export const isHealthy = (state: ProviderState) =>
  !state.down && state.errorRate < 0.05 && state.latencyFactor <= 2;

/** Turns a script into a scenario: events apply in order on top of each target's profile. */
export function scriptScenario(script: ScenarioScript): Scenario {
  const profiles = script.profiles ?? defaultProfiles;
  return {
    name: script.name,
    description: script.description,
    durationMs: script.durationMs,
    requestsPerSecond: script.requestsPerSecond,
    profiles,
    stateAt(index, atMs) {
      const profile = profiles[index];
      if (profile === undefined) throw new RangeError(`no target ${index}`);
      let state = normalState(profile);
      for (const event of script.events) {
        if (event.target !== index || atMs < event.fromMs) continue;
        if (event.toMs !== undefined && atMs >= event.toMs) continue;
        const progress = event.rampMs ? Math.min(1, (atMs - event.fromMs) / event.rampMs) : 1;
        state = event.change(state, progress);
      }
      return state;
    },
  };
}
