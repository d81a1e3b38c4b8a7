import type { CircuitBreaker, CircuitOutcome } from '../health/circuit-breaker.ts';
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

/** What ordering needs of each target: circuit state (no lock taken), and optionally more. */
export async function readCandidates(
  state: RouteState,
  targets: Target[],
  options: ReadOptions,
): Promise<Candidate[]> {
  const states = await Promise.all(targets.map((target) => state.circuits.state(target.id)));
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
const neutralCodes = new Set([
  'context_length_exceeded',
  'unsupported_parameter',
  'unsupported_by_provider',
  'provider_key_rejected',
]);

/**
 * How the circuit and the health window count a failure: 429 (busy) and rejected requests
 * (4xx other than the provider refusing the gateway's credentials) count against neither.
 */
export function failureOutcome(
  status: number | undefined,
  code: string | undefined,
): CircuitOutcome {
  if (code !== undefined && neutralCodes.has(code)) return 'neutral';
  if (status === undefined) return 'failed';
  const rejected =
    status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 408;
  return status === 429 || rejected ? 'neutral' : 'failed';
}
