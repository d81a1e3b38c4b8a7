import type { RoutingConfig } from '../config/routing-schema.ts';

/**
 * What one request may still spend on upstream tries: attempts and time. Shared by the first
 * attempt loop and every stream continuation, so a request never exceeds its bounds in total.
 */
export interface AttemptBudget {
  attemptsLeft: number;
  readonly deadline: number;
  /** Continuations of a started stream still allowed. */
  continuationsLeft: number;
}

export function createAttemptBudget(
  policy: RoutingConfig,
  targetCount: number,
  now: () => number = Date.now,
): AttemptBudget {
  return {
    // Bounded overall, but never so tightly that a target goes untried.
    attemptsLeft: Math.max(policy.maxAttempts, targetCount),
    deadline: now() + policy.totalTimeoutMs,
    continuationsLeft: policy.maxContinuations,
  };
}
