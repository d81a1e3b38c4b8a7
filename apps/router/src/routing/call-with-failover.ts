import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { RoutingConfig } from '../config/routing-schema.ts';
import { type GatewayError, toGatewayError, UpstreamError } from '../errors/index.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { sleep } from '../timing/abortable-delay.ts';
import type { AttemptRecord } from './attempt.ts';
import { type AttemptSignal, createAttemptSignal } from './attempt-signal.ts';
import { continueStream } from './continue-stream.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { openStream } from './open-stream.ts';
import { checkStreamWarnings, checkWarnings, type WarningChecks } from './require-parameters.ts';
import { retryDelay } from './retry-delay.ts';
import type { Target } from './target.ts';

/** Failures that retrying the same target cannot fix but another target may not have. */
const nextTargetMayServe = new Set(['context_length_exceeded', 'unsupported_parameter']);

export interface FailoverContext extends WarningChecks {
  registry: ProviderRegistry;
  /** The client's signal: when it aborts, everything stops. */
  signal?: AbortSignal;
  /** Called after every attempt, successful or not. */
  onAttempt: (record: AttemptRecord) => void;
  /** Called when another target takes over a stream that failed after it started. */
  onTakeover?: (target: Target) => void;
  /** Called once when a served stream ends: with its finish or error part, or nothing if cancelled. */
  onStreamEnd?: (part: LanguageModelV4StreamPart | undefined) => void;
  policy?: RoutingConfig;
  now?: () => number;
  random?: () => number;
}

export interface Served<T> {
  target: Target;
  value: T;
}

export interface AttemptOptions {
  /** Deadline of one attempt, and what ran out when it passes. */
  timeoutMs?: number;
  timeoutDescription?: string;
}

/**
 * The attempt loop. Each target gets up to `attemptsPerTarget` tries, spaced by backoff with
 * jitter or by the upstream's Retry-After; then the next target. Only retryable failures
 * (429, 5xx, timeouts, network, unreadable responses) go on; a context-length rejection skips
 * to the next target; other failures end the request. Attempts and time are bounded overall.
 */
export async function callWithFailover<T>(
  targets: Target[],
  context: FailoverContext,
  attempt: (target: Target, attemptSignal: AttemptSignal) => Promise<T>,
  options: AttemptOptions = {},
): Promise<Served<T>> {
  const policy = context.policy ?? defaultRoutingPolicy;
  const now = context.now ?? Date.now;
  const deadline = now() + policy.totalTimeoutMs;
  // Bounded overall, but never so tightly that a target goes untried.
  let attemptsLeft = Math.max(policy.maxAttempts, targets.length);
  let lastError: GatewayError | undefined;

  for (const [targetIndex, target] of targets.entries()) {
    const isLast = targetIndex === targets.length - 1;
    for (let tryNumber = 1; tryNumber <= policy.attemptsPerTarget; tryNumber++) {
      const remaining = deadline - now();
      if (attemptsLeft === 0 || remaining <= 0) throw lastError ?? outOfTime(policy);
      attemptsLeft--;
      const started = now();
      const attemptSignal = createAttemptSignal(
        context.signal,
        Math.min(options.timeoutMs ?? policy.attemptTimeoutMs, remaining),
        options.timeoutDescription ?? `Provider '${target.providerId}' did not answer`,
      );
      try {
        const value = await attempt(target, attemptSignal);
        context.onAttempt({ target: target.id, outcome: 'ok', durationMs: now() - started });
        return { target, value };
      } catch (thrown) {
        attemptSignal.clearDeadline();
        if (context.signal?.aborted) throw context.signal.reason;
        const timedOut = attemptSignal.signal.aborted ? attemptSignal.signal.reason : undefined;
        lastError = toGatewayError(timedOut ?? thrown, target.providerId);
        context.onAttempt(failureRecord(target, lastError, now() - started));
        if (nextTargetMayServe.has(lastError.code ?? '')) break;
        if (!lastError.isRetryable) throw lastError;
        if (tryNumber === policy.attemptsPerTarget || lastError.code === 'upstream_timeout') break;
        // A throttled target is not waited on while another can serve.
        if (lastError.statusCode === 429 && !isLast) break;
        const retryAfter = lastError instanceof UpstreamError ? lastError.retryAfterMs : undefined;
        const delay = retryDelay(tryNumber, retryAfter, policy, context.random);
        if (delay === undefined || now() + delay >= deadline) break;
        await sleep(delay, context.signal);
      }
    }
  }
  throw lastError ?? new Error('no target to try');
}

function failureRecord(target: Target, error: GatewayError, durationMs: number): AttemptRecord {
  return {
    target: target.id,
    outcome: 'error',
    status: error instanceof UpstreamError ? error.upstreamStatus : error.statusCode,
    code: error.code ?? undefined,
    durationMs,
  };
}

function outOfTime(policy: RoutingConfig): GatewayError {
  return toGatewayError(
    new UpstreamError({
      provider: 'gateway',
      message: `No target answered within ${policy.totalTimeoutMs} ms.`,
      code: 'upstream_timeout',
      upstreamStatus: 504,
      isRetryable: false,
    }),
    'gateway',
  );
}

export function generateWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return callWithFailover(targets, context, async (target, attempt) => {
    try {
      const result = await context.registry
        .languageModel(target)
        .doGenerate({ ...options, abortSignal: attempt.signal });
      checkWarnings(result.warnings, options, context, target);
      return result;
    } finally {
      attempt.clearDeadline();
    }
  });
}

/**
 * Resolves once a target has produced its first content part, within the first-token
 * deadline; nothing is sent to the client before that. The started stream then lives on the
 * client's signal, and fails if it stays silent longer than the idle timeout.
 */
export async function streamWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  const policy = context.policy ?? defaultRoutingPolicy;
  const served = await openFirstStream(targets, options, context, policy);
  const remaining = targets.slice(
    targets.findIndex((target) => target.id === served.target.id) + 1,
  );
  const openContinuation =
    policy.continueStreams && remaining.length > 0
      ? async (prefilled: LanguageModelV4CallOptions) => {
          const takeover = await openFirstStream(remaining, prefilled, context, policy);
          context.onTakeover?.(takeover.target);
          return takeover.value;
        }
      : undefined;
  return {
    ...served,
    value: continueStream(served.value, options, openContinuation, context.onStreamEnd),
  };
}

function openFirstStream(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
  policy: RoutingConfig,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  return callWithFailover(
    targets,
    context,
    async (target, attempt) => {
      const model = context.registry.languageModel(target);
      const { stream } = await model.doStream({ ...options, abortSignal: attempt.signal });
      const checked = checkStreamWarnings(stream, options, context, target);
      const opened = await openStream(checked, target.providerId, {
        signal: attempt.signal,
        idleTimeoutMs: policy.streamIdleTimeoutMs,
        onIdle: (reason) => attempt.abort(reason),
      });
      attempt.clearDeadline();
      return opened;
    },
    {
      timeoutMs: policy.firstTokenTimeoutMs,
      timeoutDescription: 'No first token arrived',
    },
  );
}
