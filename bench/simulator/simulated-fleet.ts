import { hashUniform, logNormal } from './prng.ts';
import { retryAfterMs } from './providers.ts';
import type { Scenario } from './scenarios.ts';

/** What one attempt does: succeeds or fails with a status, after `latencyMs`. */
export interface AttemptOutcome {
  ok: boolean;
  latencyMs: number;
  status?: number;
  retryAfterMs?: number;
}

/** Which attempt: the n-th try (`tryIndex`, from 0) of request `request` on target `target`. */
export interface AttemptKey {
  target: number;
  request: number;
  tryIndex: number;
}

export interface SimulatedFleet {
  /** What an attempt started at `atMs` would do, without counting it. */
  preview(key: AttemptKey, atMs: number): AttemptOutcome;
  /** Starts an attempt: like `preview`, and an admitted one counts against the rate limit. */
  attempt(key: AttemptKey, atMs: number): AttemptOutcome;
}

/** How fast a refused connection or a 429 comes back. */
const refusedLatency = { p50: 60, p95: 200 };
const throttledLatency = { p50: 40, p95: 120 };

/**
 * The providers of a scenario for one policy's run. Luck is keyed by (request, target, try),
 * so every policy meets the same draws; the rate limits count this run's own traffic, in a
 * sliding one-second window of admitted attempts.
 */
export function createSimulatedFleet(scenario: Scenario, seed: number): SimulatedFleet {
  const admitted = scenario.profiles.map(() => ({ times: [] as number[], head: 0 }));

  const recentCount = (target: number, atMs: number) => {
    const window = admitted[target];
    if (window === undefined) return 0;
    while (window.head < window.times.length && (window.times[window.head] ?? 0) <= atMs - 1_000) {
      window.head++;
    }
    if (window.head > 4_096) {
      window.times = window.times.slice(window.head);
      window.head = 0;
    }
    return window.times.length - window.head;
  };

  const preview = (key: AttemptKey, atMs: number): AttemptOutcome => {
    const profile = scenario.profiles[key.target];
    if (profile === undefined) throw new RangeError(`no target ${key.target}`);
    const state = scenario.stateAt(key.target, atMs);
    const errorDraw = hashUniform(seed, key.request, key.target, key.tryIndex, 0);
    const latencyDraw = hashUniform(seed, key.request, key.target, key.tryIndex, 1);
    if (state.down) {
      return { ok: false, status: 503, latencyMs: draw(latencyDraw, refusedLatency) };
    }
    if (recentCount(key.target, atMs) >= state.rateLimitPerSecond) {
      return {
        ok: false,
        status: 429,
        retryAfterMs,
        latencyMs: draw(latencyDraw, throttledLatency),
      };
    }
    const latencyMs = draw(latencyDraw, profile.latencyMs) * state.latencyFactor;
    if (errorDraw < state.errorRate) return { ok: false, status: 500, latencyMs: latencyMs / 2 };
    return { ok: true, latencyMs };
  };

  return {
    preview,
    attempt(key, atMs) {
      const outcome = preview(key, atMs);
      if (outcome.status !== 429) admitted[key.target]?.times.push(atMs);
      return outcome;
    },
  };
}

const draw = (uniform: number, latency: { p50: number; p95: number }) =>
  Math.max(1, Math.round(logNormal(uniform, latency.p50, latency.p95)));
