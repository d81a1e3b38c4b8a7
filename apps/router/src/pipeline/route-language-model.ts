import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { priceUsage, roundCost } from '../accounting/price-usage.ts';
import { decideCache } from '../cache/cache-decision.ts';
import { cacheKey } from '../cache/cache-key.ts';
import { type CachedAnswer, cachedGenerate, cachedStream } from '../cache/cached-language-model.ts';
import { estimateLanguageModelCall } from '../governance/estimate.ts';
import { allowlistFilter } from '../governance/policy/allowlist-filter.ts';
import { settleAfterStream } from '../governance/policy/settle-after-stream.ts';
import { guardRequest, promptTexts, type RequestGuard } from '../guardrails/request-guard.ts';
import { observeFinish } from '../observability/observe-finish.ts';
import { continuesPrefill } from '../providers/prefill-support.ts';
import type { FailoverContext } from '../routing/call-with-failover.ts';
import { generateWithFailover } from '../routing/generate-with-failover.ts';
import {
  createAttemptRecorder,
  type RecordAttempt,
  recordAnswer,
} from '../routing/record-attempt.ts';
import { streamWithFailover } from '../routing/stream-with-failover.ts';
import type { Target } from '../routing/target.ts';
import { admitRequest } from './admit-request.ts';
import { planRoute, type RoutePlan } from './plan-route.ts';
import type { PipelineDeps, RouteOutcome, RouteRequest } from './route-request.ts';

type LanguageRequest = RouteRequest<LanguageModelV4CallOptions>;

/**
 * A language-model call: input guardrails, resolve, policy, cache, attempt loop, output
 * guardrails; settles in the background.
 */
export async function routeGenerate(
  deps: PipelineDeps,
  request: LanguageRequest,
): Promise<RouteOutcome<LanguageModelV4GenerateResult>> {
  // Before the cache key and routing: a block never reaches an upstream, a redaction is cached.
  const guard = guardRequest(deps, request, promptTexts);
  const { plan, admitted } = await planAndAdmit(deps, request, guard);
  try {
    const record = recorderFor(deps, request);
    const answer = await cachedGenerate(await cacheStage(deps, request, plan, false), async () => {
      const served = await generateWithFailover(
        plan.targets,
        request.call,
        failoverContext(deps, request, plan, record),
      );
      recordAnswer(record, served, { usage: served.value.usage, generationMs: served.durationMs });
      return { target: cacheTarget(served.target), value: served.value };
    });
    request.facts.finishReason = answer.value.finishReason.unified;
    return outcomeOf({ ...answer, value: guard.generate(answer.value) });
  } finally {
    admitted.settle();
  }
}

/** Like `routeGenerate`; resolves once a target has sent its first content part. */
export async function routeStream(
  deps: PipelineDeps,
  request: LanguageRequest,
): Promise<RouteOutcome<ReadableStream<LanguageModelV4StreamPart>>> {
  const guard = guardRequest(deps, request, promptTexts);
  const { plan, admitted } = await planAndAdmit(deps, request, guard);
  const record = recorderFor(deps, request);
  const { config } = deps;
  let answer: CachedAnswer<ReadableStream<LanguageModelV4StreamPart>>;
  try {
    answer = await cachedStream(await cacheStage(deps, request, plan, true), async () => {
      const opened = await streamWithFailover(plan.targets, request.call, {
        ...failoverContext(deps, request, plan, record),
        continuesPrefill: (target) => {
          const provider = Object.hasOwn(config.providers, target.providerId)
            ? config.providers[target.providerId]
            : undefined;
          return provider !== undefined && continuesPrefill(provider, target.modelId);
        },
        onTakeover: (segment) =>
          record(segment.target, { kind: 'opened', durationMs: segment.durationMs }),
        onSegmentEnd: (segment, end) =>
          record(segment.target, {
            kind: 'segment',
            outcome: end.outcome,
            usage: end.usage,
            producedChars: end.producedChars,
            latencyMs: segment.durationMs,
            firstTokenMs: segment.durationMs,
            generationMs: end.generationMs,
            probe: segment.probe,
          }),
      });
      record(opened.target, { kind: 'opened', durationMs: opened.durationMs });
      return { target: cacheTarget(opened.target), value: opened.value };
    });
  } catch (error) {
    admitted.settle();
    throw error;
  }
  answer = { ...answer, value: observeFinish(answer.value, request.facts) };
  // Only a reservation needs to know when the stream is over.
  const value =
    admitted.admission.reservation === undefined
      ? answer.value
      : settleAfterStream(answer.value, admitted.settle);
  return outcomeOf({ ...answer, value: guard.stream(value) });
}

/** Plans the route within the caller's allowlists and data policy, then admits it. */
async function planAndAdmit(deps: PipelineDeps, request: LanguageRequest, guard: RequestGuard) {
  const allow = guard.filter(allowlistFilter(request.principal, deps.config));
  const planned = await guard.plan(() => planRoute(deps, request, allow));
  const admitted = await admitRequest(
    deps,
    request,
    planned.targets,
    (targets, maxOutputTokens) =>
      estimateLanguageModelCall(
        deps.config,
        maxOutputTokens === undefined ? request.call : { ...request.call, maxOutputTokens },
        targets,
      ),
    true,
  );
  const clamped = admitted.admission.maxOutputTokens;
  if (clamped !== undefined) request.call = { ...request.call, maxOutputTokens: clamped };
  // A key re-read during admission may allow fewer targets than were planned.
  const plan = { ...planned, targets: [...admitted.admission.targets] };
  return { plan, admitted };
}

function failoverContext(
  deps: PipelineDeps,
  request: LanguageRequest,
  plan: RoutePlan,
  record: RecordAttempt,
): FailoverContext {
  return {
    registry: request.registry,
    policy: deps.config.routing,
    signal: request.signal,
    requireParameters: request.controls.provider?.require_parameters,
    requestKeyProviders: request.requestKeyProviders,
    admit: plan.admit,
    onWarnings: (warnings) => {
      request.facts.warnings = warnings;
    },
    onFailure: (target, error, durationMs, probe) =>
      record(target, { kind: 'failed', error, durationMs, probe }),
  };
}

/** The one recorder of this request's attempts: facts, health, circuits, per-segment cost. */
export function recorderFor(deps: PipelineDeps, request: LanguageRequest): RecordAttempt {
  let promptChars: number | undefined;
  return createAttemptRecorder({
    state: deps.state,
    facts: request.facts,
    background: request.background,
    requestKeyProviders: request.requestKeyProviders,
    price: (target, usage) => {
      const cost = priceUsage(deps.config, target, usage);
      return cost && roundCost(cost);
    },
    promptChars: () => {
      promptChars ??= JSON.stringify(request.call.prompt).length;
      return promptChars;
    },
  });
}

async function cacheStage(
  deps: PipelineDeps,
  request: LanguageRequest,
  plan: RoutePlan,
  streaming: boolean,
) {
  const { config } = deps;
  const decision = decideCache(config, request.model, request.cache);
  return {
    cache: deps.cache,
    decision,
    namespace: request.tenant,
    key: decision.use
      ? await cacheKey({
          tenant: request.tenant,
          model: request.model,
          targets: plan.resolution.targets.map((target) => target.id),
          kind: 'language',
          options: request.call,
        })
      : '',
    facts: request.facts,
    signal: request.signal,
    background: request.background,
    singleFlightWaitMs: config.cache.singleFlightWaitMs,
    // A stream may run long after the attempt loop's budget; its lock must outlive it.
    lockMs: streaming
      ? Math.max(config.routing.totalTimeoutMs, 15 * 60_000)
      : config.routing.totalTimeoutMs,
  };
}

const cacheTarget = (target: Target) => ({
  providerId: target.providerId,
  modelId: target.modelId,
});

function outcomeOf<T>(answer: CachedAnswer<T>): RouteOutcome<T> {
  return { value: answer.value, model: `${answer.target.providerId}/${answer.target.modelId}` };
}
