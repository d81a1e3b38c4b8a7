import type {
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
  ImageModelV4CallOptions,
  ImageModelV4Result,
  LanguageModelV4Usage,
  RerankingModelV4CallOptions,
  RerankingModelV4Result,
} from '@ai-sdk/provider';
import type { Cost } from '../accounting/compute-cost.ts';
import { priceEmbeddingUsage } from '../accounting/price-embedding-usage.ts';
import { priceImageUsage } from '../accounting/price-image-usage.ts';
import { roundCost } from '../accounting/price-usage.ts';
import { estimateEmbeddingCall } from '../governance/estimate.ts';
import { allowlistFilter } from '../governance/policy/allowlist-filter.ts';
import { type CallTexts, guardRequest } from '../guardrails/request-guard.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { callWithFailover } from '../routing/call-with-failover.ts';
import { embedInBatches } from '../routing/embed-in-batches.ts';
import { generateImagesInBatches } from '../routing/generate-images-in-batches.ts';
import { createAttemptRecorder, recordAnswer } from '../routing/record-attempt.ts';
import type { Target } from '../routing/target.ts';
import { admitRequest, type CallEstimate } from './admit-request.ts';
import { planRoute, type RoutePlan } from './plan-route.ts';
import type { PipelineDeps, RouteOutcome, RouteRequest } from './route-request.ts';

/** What a one-shot answer used and cost, for the facts and the log. */
type Metered = { usage?: LanguageModelV4Usage; cost?: Cost };

/**
 * A call that answers in one piece (embeddings, images), routed like a language-model call:
 * the same resolution, ordering, failover, route facts, health records and per-target cost,
 * with `run` as the attempt, bounded by the attempt deadline.
 */
async function routeOneShot<Call, T>(
  deps: PipelineDeps,
  request: RouteRequest<Call>,
  run: (registry: ProviderRegistry, target: Target, signal: AbortSignal) => Promise<T>,
  meter: (target: Target, value: T) => Metered,
  estimate: (targets: readonly Target[]) => CallEstimate,
  texts: CallTexts<Call>,
): Promise<RouteOutcome<T>> {
  // Input guardrails before routing; the answer (vectors, images) has no text to check.
  const guard = guardRequest(deps, request, texts);
  const allow = guard.filter(allowlistFilter(request.principal, deps.config));
  const planned = await guard.plan(() => planRoute(deps, request, allow));
  const admitted = await admitRequest(deps, request, planned.targets, estimate, false);
  try {
    // A key re-read during admission may allow fewer targets than were planned.
    const plan = { ...planned, targets: [...admitted.admission.targets] };
    return await attemptOneShot(deps, request, plan, run, meter);
  } finally {
    admitted.settle();
  }
}

async function attemptOneShot<Call, T>(
  deps: PipelineDeps,
  request: RouteRequest<Call>,
  plan: RoutePlan,
  run: (registry: ProviderRegistry, target: Target, signal: AbortSignal) => Promise<T>,
  meter: (target: Target, value: T) => Metered,
): Promise<RouteOutcome<T>> {
  const record = createAttemptRecorder({
    state: deps.state,
    facts: request.facts,
    background: request.background,
    requestKeyProviders: request.requestKeyProviders,
    price: () => undefined,
    promptChars: () => 0,
  });
  const served = await callWithFailover(
    plan.targets,
    {
      registry: request.registry,
      policy: deps.config.routing,
      signal: request.signal,
      requestKeyProviders: request.requestKeyProviders,
      admit: plan.admit,
      onFailure: (target, error, durationMs, probe) =>
        record(target, { kind: 'failed', error, durationMs, probe }),
    },
    async (target, attempt) => {
      try {
        return await run(request.registry, target, attempt.signal);
      } finally {
        attempt.clearDeadline();
      }
    },
  );
  recordAnswer(record, served, meter(served.target, served.value));
  return { value: served.value, model: served.target.id };
}

/** Embeddings; each attempt splits by the model's `maxEmbeddingsPerCall`. */
export function routeEmbed(
  deps: PipelineDeps,
  request: RouteRequest<EmbeddingModelV4CallOptions>,
): Promise<RouteOutcome<EmbeddingModelV4Result>> {
  return routeOneShot(
    deps,
    request,
    (registry, target, abortSignal) =>
      embedInBatches(registry.embeddingModel(target), { ...request.call, abortSignal }),
    (target, result) => {
      const tokens = result.usage?.tokens;
      const cost = priceEmbeddingUsage(deps.config, target, result.usage);
      return {
        usage: tokens === undefined ? undefined : tokenUsage(tokens, 0),
        cost: cost && roundCost(cost),
      };
    },
    (targets) =>
      estimateEmbeddingCall(
        deps.config,
        request.call.values.map((value) =>
          typeof value === 'string' ? value : JSON.stringify(value),
        ),
        targets,
      ),
    embeddingTexts,
  );
}

/** Images; each attempt splits `n` by the model's `maxImagesPerCall`. */
export function routeImage(
  deps: PipelineDeps,
  request: RouteRequest<ImageModelV4CallOptions>,
): Promise<RouteOutcome<ImageModelV4Result>> {
  return routeOneShot(
    deps,
    request,
    (registry, target, abortSignal) =>
      generateImagesInBatches(registry.imageModel(target), { ...request.call, abortSignal }),
    (target, result) => {
      const cost = priceImageUsage(deps.config, target, result.usage);
      const usage = result.usage;
      return {
        usage:
          usage === undefined
            ? undefined
            : tokenUsage(usage.inputTokens ?? 0, usage.outputTokens ?? 0),
        cost: cost && roundCost(cost),
      };
    },
    // Image prices are per image and model-specific: the budget counts them at settle.
    () => unpricedEstimate,
    imagePromptTexts,
  );
}

/** Reranking; documents are scored in one call, as every reranking package does. */
export function routeRerank(
  deps: PipelineDeps,
  request: RouteRequest<RerankingModelV4CallOptions>,
): Promise<RouteOutcome<RerankingModelV4Result>> {
  return routeOneShot(
    deps,
    request,
    (registry, target, abortSignal) =>
      Promise.resolve(registry.rerankingModel(target).doRerank({ ...request.call, abortSignal })),
    // Rerankers report no usage and the catalog has no price per search.
    () => ({}),
    () => unpricedEstimate,
    rerankTexts,
  );
}

/** A call the budget cannot price ahead: nothing is reserved for it. */
const unpricedEstimate: CallEstimate = {
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  nanos: 0,
  priced: false,
  targets: [],
};

/** The texts a rerank call sends: its query, then its text documents. */
const rerankTexts: CallTexts<RerankingModelV4CallOptions> = {
  read: (call) => [call.query, ...(call.documents.type === 'text' ? call.documents.values : [])],
  write: (call, [query = call.query, ...values]) => ({
    ...call,
    query,
    documents: call.documents.type === 'text' ? { type: 'text', values } : call.documents,
  }),
};

/** The texts an embedding call sends: its values. */
const embeddingTexts: CallTexts<EmbeddingModelV4CallOptions> = {
  read: (call) => call.values,
  write: (call, values) => ({ ...call, values: [...values] }),
};

/** The text an image call sends: its prompt. */
const imagePromptTexts: CallTexts<ImageModelV4CallOptions> = {
  read: (call) => (call.prompt === undefined ? [] : [call.prompt]),
  write: (call, [prompt]) => ({ ...call, prompt }),
};

const tokenUsage = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});
