import type { ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouterEnv } from '../context.ts';
import { callWithFailover, type Served } from './call-with-failover.ts';
import { generateImagesInBatches } from './generate-images-in-batches.ts';
import type { RequestControls } from './request-controls.ts';
import { routeCall } from './route-language-model.ts';

/**
 * `routeGenerate` for images: the same resolution, ordering, failover and route facts
 * (`c.var.route`), with the image model's `doGenerate` (split by `maxImagesPerCall`) as the
 * attempt.
 */
export function routeImage(
  c: Context<RouterEnv>,
  model: string,
  options: ImageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<ImageModelV4Result>> {
  return routeCall(
    c,
    model,
    controls,
    (targets, failover) =>
      callWithFailover(targets, failover, async (target, attempt) => {
        try {
          return await generateImagesInBatches(failover.registry.imageModel(target), {
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
