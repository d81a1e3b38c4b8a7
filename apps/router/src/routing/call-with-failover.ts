import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { type GatewayError, toGatewayError, UpstreamError } from '../errors/index.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { AttemptRecord } from './attempt.ts';
import { openStream } from './open-stream.ts';
import type { Target } from './target.ts';

export interface FailoverContext {
  registry: ProviderRegistry;
  signal?: AbortSignal;
  /** Called after every attempt, successful or not. */
  onAttempt: (record: AttemptRecord) => void;
  now?: () => number;
}

export interface Served<T> {
  target: Target;
  value: T;
}

/**
 * Tries each target in order until one serves. A failure moves on only when it is retryable
 * (429, 5xx, network, unreadable response); other failures end the request at once.
 */
export async function callWithFailover<T>(
  targets: Target[],
  context: FailoverContext,
  attempt: (target: Target) => Promise<T>,
): Promise<Served<T>> {
  const now = context.now ?? Date.now;
  let lastError: GatewayError | undefined;
  for (const target of targets) {
    const started = now();
    try {
      const value = await attempt(target);
      context.onAttempt({ target: target.id, outcome: 'ok', durationMs: now() - started });
      return { target, value };
    } catch (error) {
      if (context.signal?.aborted) throw context.signal.reason;
      lastError = toGatewayError(error, target.providerId);
      context.onAttempt({
        target: target.id,
        outcome: 'error',
        status:
          lastError instanceof UpstreamError ? lastError.upstreamStatus : lastError.statusCode,
        code: lastError.code ?? undefined,
        durationMs: now() - started,
      });
      if (!lastError.isRetryable) throw lastError;
    }
  }
  throw lastError ?? new Error('no target to try');
}

export function generateWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return callWithFailover(targets, context, (target) =>
    Promise.resolve(
      context.registry
        .languageModel(target)
        .doGenerate({ ...options, abortSignal: context.signal }),
    ),
  );
}

/** Resolves once a target has produced its first content part; nothing is sent before that. */
export function streamWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  return callWithFailover(targets, context, async (target) => {
    const model = context.registry.languageModel(target);
    const { stream } = await model.doStream({ ...options, abortSignal: context.signal });
    return openStream(stream, target.providerId);
  });
}
