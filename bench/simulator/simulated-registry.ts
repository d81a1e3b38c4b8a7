import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4GenerateResult,
} from '@ai-sdk/provider';
import type { ProviderRegistry } from '../../apps/router/src/providers/provider-registry.ts';
import type { Target } from '../../apps/router/src/routing/target.ts';
import { requestTokens } from './providers.ts';
import type { SimulatedFleet } from './simulated-fleet.ts';
import type { VirtualClock } from './virtual-clock.ts';

/** The call-options header that tells a simulated model which request it serves. */
export const requestHeader = 'x-simulator-request';

export interface SimulatedRegistry extends ProviderRegistry {
  /** Forgets a finished request's try counters. */
  release(request: number): void;
}

/**
 * A provider registry whose language models answer from the simulated fleet in virtual time:
 * each `doGenerate` resolves (or throws the `APICallError` a provider package would) when the
 * clock reaches the attempt's end, and gives up at once when the attempt signal aborts.
 */
export function createSimulatedRegistry(
  fleet: SimulatedFleet,
  clock: VirtualClock,
  targets: Target[],
): SimulatedRegistry {
  const tries = new Map<number, number[]>();
  const models = new Map(
    targets.map((target, index) => [target.id, simulatedModel(target, index)] as const),
  );

  function nextTry(request: number, target: number): number {
    let counts = tries.get(request);
    if (counts === undefined) {
      counts = targets.map(() => 0);
      tries.set(request, counts);
    }
    const tryIndex = counts[target] ?? 0;
    counts[target] = tryIndex + 1;
    return tryIndex;
  }

  function simulatedModel(target: Target, index: number): LanguageModelV4 {
    const generate = (options: LanguageModelV4CallOptions) => {
      const request = Number(options.headers?.[requestHeader]);
      const key = { target: index, request, tryIndex: nextTry(request, index) };
      const outcome = fleet.attempt(key, clock.now());
      const signal = options.abortSignal;
      return new Promise<LanguageModelV4GenerateResult>((resolve, reject) => {
        const onAbort = () => {
          clock.cancel(timer);
          reject(signal?.reason);
        };
        const timer = clock.schedule(clock.now() + outcome.latencyMs, () => {
          signal?.removeEventListener('abort', onAbort);
          if (outcome.ok) resolve(generateResult());
          else reject(providerError(target, outcome.status ?? 500, outcome.retryAfterMs));
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    };
    return {
      specificationVersion: 'v4',
      provider: target.providerId,
      modelId: target.modelId,
      supportedUrls: {},
      doGenerate: generate,
      doStream: () => Promise.reject(new Error('the simulator only generates')),
    };
  }

  // The generate path only asks for language models; the other kinds are never simulated.
  const registry: SimulatedRegistry = {
    languageModel(target) {
      const model = models.get(target.id);
      if (model === undefined) throw new Error(`unknown target ${target.id}`);
      return model;
    },
    embeddingModel() {
      throw new Error('the simulator has no embedding models');
    },
    imageModel() {
      throw new Error('the simulator has no image models');
    },
    rerankingModel() {
      throw new Error('the simulator has no reranking models');
    },
    release: (request) => tries.delete(request),
  };
  return registry;
}

function providerError(target: Target, status: number, retryAfterMs: number | undefined) {
  return new APICallError({
    message: `simulated ${status}`,
    url: `https://${target.providerId}.invalid/v1/chat/completions`,
    requestBodyValues: {},
    statusCode: status,
    responseHeaders:
      retryAfterMs === undefined ? {} : { 'retry-after': String(retryAfterMs / 1_000) },
  });
}

const generateResult = (): LanguageModelV4GenerateResult => ({
  content: [{ type: 'text', text: 'ok' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: {
      total: requestTokens.input,
      noCache: requestTokens.input,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: requestTokens.output, text: requestTokens.output, reasoning: undefined },
  },
  warnings: [],
});
