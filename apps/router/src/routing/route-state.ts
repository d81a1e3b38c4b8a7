import type { CircuitBreaker } from '../health/circuit-breaker.ts';
import type { HealthSample } from '../health/health-sample.ts';
import type { HealthTracker } from '../health/health-tracker.ts';
import type { Candidate } from './order-candidates.ts';
import type { Target } from './target.ts';

/** The shared routing state: health windows and circuits (one of each per app). */
export interface RouteState {
  health: HealthTracker;
  circuits: CircuitBreaker;
}

export interface ReadOptions {
  /** Read the health windows too (for scores and sorts), since each circuit last closed. */
  withStats: boolean;
  /** List prices, for scores, sorts and price caps. */
  priceOf?: (target: Target) => Candidate['price'];
}

/** What ordering needs of each target: circuit state (admitting a probe), and optionally more. */
export async function readCandidates(
  state: RouteState,
  targets: Target[],
  options: ReadOptions,
): Promise<Candidate[]> {
  const states = await Promise.all(targets.map((target) => state.circuits.admit(target.id)));
  const ids = targets.map((target) => target.id);
  const stats = options.withStats
    ? await state.health.stats(ids, state.circuits.closedSince(ids))
    : undefined;
  return targets.map((target, index) => ({
    target,
    circuit: states[index] ?? 'closed',
    stats: stats?.get(target.id),
    price: options.priceOf?.(target),
  }));
}

/** Failures that say nothing about a target's health: it is busy, or this request does not fit it. */
const neutralCodes = new Set(['context_length_exceeded', 'unsupported_parameter']);

function isNeutral(status: number | undefined, code: string | undefined): boolean {
  if (code !== undefined && neutralCodes.has(code)) return true;
  if (status === undefined) return false;
  // 429: busy. Other 4xx: the request was rejected, except the provider refusing our credentials.
  return (
    status === 429 ||
    (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 408)
  );
}

/**
 * Feeds one attempt's outcome to the health window and the circuit, judged against the window
 * as read when the request arrived. Only real failures count: a 429, a rejected request or a
 * model that cannot take this request counts against neither. Returns the shared writes (hand
 * them to waitUntil).
 */
export function recordOutcome(
  state: RouteState,
  candidate: Candidate | undefined,
  targetId: string,
  sample: HealthSample,
  failure?: { status?: number; code?: string },
): Promise<void>[] {
  if (!sample.ok && isNeutral(failure?.status, failure?.code)) return [];
  const stats = candidate?.stats;
  const after = stats && {
    ...stats,
    requests: stats.requests + 1,
    successRate:
      ((stats.successRate ?? 1) * stats.requests + (sample.ok ? 1 : 0)) / (stats.requests + 1),
  };
  return [
    state.health.record(targetId, sample),
    state.circuits.report(targetId, candidate?.circuit ?? 'closed', sample.ok, after),
  ];
}
