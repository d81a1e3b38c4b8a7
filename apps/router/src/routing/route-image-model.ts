import type { ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouterEnv } from '../context.ts';
import type { Served } from './call-with-failover.ts';
import { generateImagesInBatches } from './generate-images-in-batches.ts';
import type { RequestControls } from './request-controls.ts';
import { routeOneShot } from './route-one-shot.ts';

/** Images, routed like language-model calls; each attempt splits by `maxImagesPerCall`. */
export function routeImage(
  c: Context<RouterEnv>,
  model: string,
  options: ImageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<ImageModelV4Result>> {
  return routeOneShot(c, model, controls, (registry, target, abortSignal) =>
    generateImagesInBatches(registry.imageModel(target), { ...options, abortSignal }),
  );
}
