import type { RoutingConfig } from '../config/routing-schema.ts';
import {
  type GatewayError,
  ProviderKeyRejectedError,
  toGatewayError,
  UpstreamError,
} from '../errors/index.ts';
import type { ProbeTicket } from '../health/circuit-breaker.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { sleep } from '../timing/abortable-delay.ts';
import { type AttemptBudget, createAttemptBudget } from './attempt-budget.ts';
import { type AttemptSignal, createAttemptSignal } from './attempt-signal.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import type { WarningChecks } from './require-parameters.ts';
import { retryDelay } from './retry-delay.ts';
import type { Target } from './target.ts';

/** Failures that retrying the same target cannot fix but another target may not have. */
const nextTargetMayServe = new Set([
  'context_length_exceeded',
  'unsupported_parameter',
  'unsupported_by_provider',
  'provider_key_rejected',
  'provider_key_missing',
]);

/** Whether a target may be tried now; a half-open target must win its probe first. */
export type Admission = { admitted: true; probe?: ProbeTicket } | { admitted: false };

export interface FailoverContext extends WarningChecks {
  registry: ProviderRegistry;
  /** The client's signal: when it aborts, everything stops. */
  signal?: AbortSignal;
  /** Called after every failed attempt, with the probe it held. */
  onFailure?: (
    target: Target,
    error: GatewayError,
    durationMs: number,
    probe?: ProbeTicket,
  ) => void;
  /** Asked before each target's first try (circuit probes); admitted when omitted. */
  admit?: (target: Target) => Promise<Admission>;
  /** Providers called with the request's own keys: a refused key is the caller's to fix. */
  requestKeyProviders?: ReadonlySet<string>;
  /** Shared across the loop and stream continuations; a fresh one per call when omitted. */
  budget?: AttemptBudget;
  policy?: RoutingConfig;
  now?: () => number;
  random?: () => number;
}

export interface Served<T> {
  target: Target;
  value: T;
  /** Time of the attempt that served, to its answer (or first content, for streams). */
  durationMs: number;
  /** The circuit probe this attempt held, to be reported when its outcome is known. */
  probe?: ProbeTicket;
}

export interface AttemptOptions {
  /** Deadline of one attempt, and what ran out when it passes. */
  timeoutMs?: number;
  timeoutDescription?: string;
}

/**
 * The attempt loop. Each target gets up to `attemptsPerTarget` tries, spaced by backoff with
 * jitter or by the upstream's Retry-After; then the next target. Only retryable failures
 * (429, 5xx, timeouts, network, unreadable responses) go on; a failure only this target has
 * (context length, an unsupported part or parameter, a refused request key) skips to the next;
 * other failures end the request. Attempts and time come out of the request's budget.
 */
export async function callWithFailover<T>(
  targets: Target[],
  context: FailoverContext,
  attempt: (target: Target, attemptSignal: AttemptSignal) => Promise<T>,
  options: AttemptOptions = {},
): Promise<Served<T>> {
  const policy = context.policy ?? defaultRoutingPolicy;
  const now = context.now ?? Date.now;
  const budget = context.budget ?? createAttemptBudget(policy, targets.length, now);
  let lastError: GatewayError | undefined;

  for (const [targetIndex, target] of targets.entries()) {
    const isLast = targetIndex === targets.length - 1;
    if (budget.attemptsLeft === 0 || budget.deadline - now() <= 0) break;
    const admission =
      context.admit === undefined ? { admitted: true as const } : await context.admit(target);
    // The last target is tried even without its probe: a last resort, as when every circuit is open.
    if (!admission.admitted && !isLast) continue;
    let probe = admission.admitted ? admission.probe : undefined;
    for (let tryNumber = 1; tryNumber <= policy.attemptsPerTarget; tryNumber++) {
      const remaining = budget.deadline - now();
      if (budget.attemptsLeft === 0 || remaining <= 0) throw lastError ?? outOfTime(policy);
      budget.attemptsLeft--;
      const started = now();
      const attemptSignal = createAttemptSignal(
        context.signal,
        Math.min(options.timeoutMs ?? policy.attemptTimeoutMs, remaining),
        options.timeoutDescription ?? `Provider '${target.providerId}' did not answer`,
      );
      try {
        const value = await attempt(target, attemptSignal);
        // An answered attempt keeps its signal (a stream still ends with the client), not its timer.
        attemptSignal.clearDeadline();
        return { target, value, durationMs: now() - started, ...(probe && { probe }) };
      } catch (thrown) {
        attemptSignal.clearDeadline();
        if (context.signal?.aborted) throw context.signal.reason;
        const timedOut = attemptSignal.signal.aborted ? attemptSignal.signal.reason : undefined;
        lastError = classify(
          toGatewayError(timedOut ?? thrown, target.providerId),
          target,
          context,
        );
        context.onFailure?.(target, lastError, now() - started, probe);
        // The probe is spent on the first try: its outcome decides the circuit.
        probe = undefined;
        if (nextTargetMayServe.has(lastError.code ?? '')) break;
        if (!lastError.isRetryable) throw lastError;
        if (tryNumber === policy.attemptsPerTarget || lastError.code === 'upstream_timeout') break;
        // A throttled target is not waited on while another can serve.
        if (lastError.statusCode === 429 && !isLast) break;
        const retryAfter = lastError instanceof UpstreamError ? lastError.retryAfterMs : undefined;
        const delay = retryDelay(tryNumber, retryAfter, policy, context.random);
        if (delay === undefined || now() + delay >= budget.deadline) break;
        await sleep(delay, context.signal);
      }
    }
  }
  throw lastError ?? noTarget(budget, now, policy);
}

/** A refused request key is the caller's problem, never a provider failure to retry. */
function classify(error: GatewayError, target: Target, context: FailoverContext): GatewayError {
  if (
    error.code === 'upstream_authentication_failed' &&
    context.requestKeyProviders?.has(target.providerId) &&
    error instanceof UpstreamError
  ) {
    return new ProviderKeyRejectedError(target.providerId, error.upstreamStatus ?? 401);
  }
  return error;
}

function noTarget(budget: AttemptBudget, now: () => number, policy: RoutingConfig): GatewayError {
  if (budget.deadline - now() <= 0 || budget.attemptsLeft === 0) return outOfTime(policy);
  return toGatewayError(
    new UpstreamError({
      provider: 'gateway',
      message: 'Every target is unavailable right now (open circuits); try again shortly.',
      code: 'no_target_available',
      upstreamStatus: 503,
      statusCode: 503,
      isRetryable: false,
    }),
    'gateway',
  );
}

function outOfTime(policy: RoutingConfig): GatewayError {
  return toGatewayError(
    new UpstreamError({
      provider: 'gateway',
      message: `No target answered within the request's budget (${policy.maxAttempts} attempts, ${policy.totalTimeoutMs} ms).`,
      code: 'upstream_timeout',
      upstreamStatus: 504,
      statusCode: 504,
      isRetryable: false,
    }),
    'gateway',
  );
}
