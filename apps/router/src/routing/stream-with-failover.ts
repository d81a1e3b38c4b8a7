import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { RoutingConfig } from '../config/routing-schema.ts';
import { createAttemptBudget } from './attempt-budget.ts';
import { callWithFailover, type FailoverContext, type Served } from './call-with-failover.ts';
import { continueStream, type SegmentEnd, type StreamSegment } from './continue-stream.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { openStream } from './open-stream.ts';
import { checkWarnings } from './require-parameters.ts';
import type { Target } from './target.ts';

export interface StreamFailoverContext extends FailoverContext {
  /** Whether a target continues an assistant prefill (only those may take over a started stream). */
  continuesPrefill?: (target: Target) => boolean;
  /** Told once of every segment when it ends: the first target's, then each takeover's. */
  onSegmentEnd?: (segment: StreamSegment, end: SegmentEnd) => void;
  /** Told when another target took over the started stream. */
  onTakeover?: (segment: StreamSegment) => void;
}

/**
 * Resolves once a target has produced its first content part, within the first-token
 * deadline; nothing is sent to the client before that. The started stream then lives on the
 * client's signal, fails if the upstream stays silent longer than the idle timeout, and, when
 * it fails, continues on a later target that honours a prefill — always a target after the one
 * that failed, within the request's attempts, time and continuation cap.
 */
export async function streamWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: StreamFailoverContext,
): Promise<StreamSegment> {
  const policy = context.policy ?? defaultRoutingPolicy;
  const shared = {
    ...context,
    budget: context.budget ?? createAttemptBudget(policy, targets.length, context.now),
  };
  const served = await openFirstStream(targets, options, shared, policy);
  const openContinuation = policy.continueStreams
    ? async (prefilled: LanguageModelV4CallOptions, after: StreamSegment) => {
        const rest = targets
          .slice(targets.findIndex((target) => target.id === after.target.id) + 1)
          .filter((target) => context.continuesPrefill?.(target) ?? false);
        if (rest.length === 0 || shared.budget.continuationsLeft <= 0) {
          throw new Error('no target can continue this stream');
        }
        shared.budget.continuationsLeft--;
        const takeover = await openFirstStream(rest, prefilled, shared, policy);
        context.onTakeover?.(takeover);
        return takeover;
      }
    : undefined;
  return {
    ...served,
    value: continueStream(served, options, openContinuation, context.onSegmentEnd, context.now),
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
      const opened = await openStream(stream, target.providerId, {
        signal: attempt.signal,
        idleTimeoutMs: policy.streamIdleTimeoutMs,
        onIdle: (reason) => attempt.abort(reason),
        // `stream-start` comes before any content: a target that cannot serve the request's
        // required parameters fails before anything reached the client.
        inspectPrelude: (part) => {
          if (part.type === 'stream-start') checkWarnings(part.warnings, options, context, target);
        },
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
