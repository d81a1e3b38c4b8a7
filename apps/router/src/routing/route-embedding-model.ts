import type { EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouterEnv } from '../context.ts';
import type { Served } from './call-with-failover.ts';
import { embedInBatches } from './embed-in-batches.ts';
import type { RequestControls } from './request-controls.ts';
import { routeOneShot } from './route-one-shot.ts';

/** Embeddings, routed like language-model calls; each attempt splits by `maxEmbeddingsPerCall`. */
export function routeEmbed(
  c: Context<RouterEnv>,
  model: string,
  options: EmbeddingModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<EmbeddingModelV4Result>> {
  return routeOneShot(c, model, controls, (registry, target, abortSignal) =>
    embedInBatches(registry.embeddingModel(target), { ...options, abortSignal }),
  );
}
