import type { EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouterEnv } from '../context.ts';
import { callWithFailover, type Served } from './call-with-failover.ts';
import { embedInBatches } from './embed-in-batches.ts';
import type { RequestControls } from './request-controls.ts';
import { routeCall } from './route-language-model.ts';

/**
 * `routeGenerate` for embeddings: the same resolution, ordering, failover and route facts
 * (`c.var.route`), with `doEmbed` (split by `maxEmbeddingsPerCall`) as the attempt.
 */
export function routeEmbed(
  c: Context<RouterEnv>,
  model: string,
  options: EmbeddingModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<EmbeddingModelV4Result>> {
  return routeCall(
    c,
    model,
    controls,
    (targets, failover) =>
      callWithFailover(targets, failover, async (target, attempt) => {
        try {
          return await embedInBatches(failover.registry.embeddingModel(target), {
            ...options,
            abortSignal: attempt.signal,
          });
        } finally {
          attempt.clearDeadline();
        }
      }),
    (served, attempt, record) =>
      record(served.target.id, { ok: true, latencyMs: attempt.durationMs }),
  );
}
