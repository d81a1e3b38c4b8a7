import { requestCost } from './providers.ts';
import { arrivalTimes } from './request-stream.ts';
import { isHealthy, type Scenario } from './scenarios.ts';
import { createSimulatedFleet } from './simulated-fleet.ts';
import type { RequestResult } from './stats.ts';

/**
 * The oracle's pick at `atMs`: the cheapest target that is healthy and would succeed (the
 * faster on equal cost); failing that, the cheapest that would succeed at all; undefined when
 * none would. `wouldSucceed` is the clairvoyant part: this request's luck on each target.
 */
export function chooseOracleTarget(
  scenario: Scenario,
  atMs: number,
  wouldSucceed: (target: number) => boolean,
): number | undefined {
  const ranked = scenario.profiles
    .map((profile, index) => {
      const state = scenario.stateAt(index, atMs);
      return {
        index,
        healthy: isHealthy(state),
        cost: requestCost(state.price),
        latency: profile.latencyMs.p50 * state.latencyFactor,
      };
    })
    .sort((left, right) => left.cost - right.cost || left.latency - right.latency);
  const healthyPick = ranked.find((option) => option.healthy && wouldSucceed(option.index));
  return (healthyPick ?? ranked.find((option) => wouldSucceed(option.index)))?.index;
}

/**
 * Runs the oracle over the scenario's request stream: one attempt on the pick above, or, when
 * no target's first try would succeed, an immediate second try where that one would; so it
 * never fails while any target answers. It meets the same rate limits as every other policy.
 */
export function runOracle(scenario: Scenario, seed: number): RequestResult[] {
  const fleet = createSimulatedFleet(scenario, seed);
  return Array.from(arrivalTimes(scenario, seed), (arrivedAtMs, request): RequestResult => {
    const keyOf = (target: number, tryIndex: number) => ({ target, request, tryIndex });
    const succeeds = (tryIndex: number) => (target: number) =>
      fleet.preview(keyOf(target, tryIndex), arrivedAtMs).ok;
    const first = chooseOracleTarget(scenario, arrivedAtMs, succeeds(0));
    const second =
      first === undefined ? chooseOracleTarget(scenario, arrivedAtMs, succeeds(1)) : undefined;
    const pick = first ?? second ?? 0;
    let latencyMs = fleet.attempt(keyOf(pick, 0), arrivedAtMs).latencyMs;
    if (first === undefined) latencyMs += fleet.attempt(keyOf(pick, 1), arrivedAtMs).latencyMs;
    const ok = first !== undefined || second !== undefined;
    return {
      arrivedAtMs,
      ok,
      latencyMs,
      attempts: first === undefined ? 2 : 1,
      costUsd: ok ? requestCost(scenario.stateAt(pick, arrivedAtMs).price) : 0,
      servedBy: ok ? pick : undefined,
    };
  });
}
