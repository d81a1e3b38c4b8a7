import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import { abortBatchOnFailure } from './abort-batch-on-failure.ts';

/** What the AI SDK assumes when a model states no `maxImagesPerCall`. */
const defaultMaxImagesPerCall = 1;

/**
 * `doGenerate` within the model's `maxImagesPerCall`, as the AI SDK's `generateImage` does:
 * `n` above it becomes parallel calls whose images, warnings and usage are joined in order.
 * The first failed call aborts the others and is rethrown.
 */
export async function generateImagesInBatches(
  model: ImageModelV4,
  options: ImageModelV4CallOptions,
): Promise<ImageModelV4Result> {
  const limit =
    typeof model.maxImagesPerCall === 'function'
      ? await model.maxImagesPerCall({ modelId: model.modelId })
      : model.maxImagesPerCall;
  const perCall = Math.max(1, limit ?? defaultMaxImagesPerCall);
  if (options.n <= perCall) return model.doGenerate(options);
  const counts = Array.from({ length: Math.ceil(options.n / perCall) }, (_, index) =>
    Math.min(perCall, options.n - index * perCall),
  );
  const results = await abortBatchOnFailure(options.abortSignal, (abortSignal) =>
    Promise.all(counts.map((n) => model.doGenerate({ ...options, n, abortSignal }))),
  );
  return joinResults(results);
}

function joinResults(results: ImageModelV4Result[]): ImageModelV4Result {
  const [first, ...rest] = results as [ImageModelV4Result, ...ImageModelV4Result[]];
  const images: (string | Uint8Array)[] = results.flatMap((result) => [...result.images]);
  const usages = results.flatMap((result) => (result.usage === undefined ? [] : [result.usage]));
  const sum = (key: 'inputTokens' | 'outputTokens' | 'totalTokens') =>
    usages.some((usage) => usage[key] !== undefined)
      ? usages.reduce((total, usage) => total + (usage[key] ?? 0), 0)
      : undefined;
  return {
    ...first,
    images: images as string[] | Uint8Array[],
    warnings: [first, ...rest].flatMap((result) => result.warnings),
    usage:
      usages.length === 0
        ? undefined
        : {
            inputTokens: sum('inputTokens'),
            outputTokens: sum('outputTokens'),
            totalTokens: sum('totalTokens'),
          },
  };
}
