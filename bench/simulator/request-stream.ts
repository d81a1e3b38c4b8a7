import { createRandom, exponential } from './prng.ts';
import type { Scenario } from './scenarios.ts';

/** Poisson arrivals at the scenario's rate for its duration; the same for every policy. */
export function arrivalTimes(scenario: Scenario, seed: number): Float64Array {
  const random = createRandom(seed);
  const rate = scenario.requestsPerSecond / 1_000;
  const times: number[] = [];
  let at = exponential(random(), rate);
  while (at < scenario.durationMs) {
    times.push(Math.round(at * 1_000) / 1_000);
    at += exponential(random(), rate);
  }
  return Float64Array.from(times);
}
