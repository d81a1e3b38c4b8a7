import type { ImageModelV4, ImageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { generateImagesInBatches } from './generate-images-in-batches.ts';

function fakeModel(maxImagesPerCall: ImageModelV4['maxImagesPerCall']) {
  const counts: number[] = [];
  const model: ImageModelV4 = {
    specificationVersion: 'v4',
    provider: 'fake.image',
    modelId: 'fake',
    maxImagesPerCall,
    async doGenerate({ n }: ImageModelV4CallOptions) {
      const first = counts.reduce((total, count) => total + count, 0);
      counts.push(n);
      return {
        images: Array.from({ length: n }, (_, index) => `image-${first + index}`),
        warnings: [{ type: 'other', message: `call ${counts.length}` }],
        usage: { inputTokens: 2, outputTokens: 10 * n, totalTokens: undefined },
        response: { timestamp: new Date(0), modelId: 'fake', headers: undefined },
      };
    },
  };
  return { model, counts };
}

const options = (n: number): ImageModelV4CallOptions => ({
  prompt: 'p',
  n,
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: {},
});

describe('generateImagesInBatches', () => {
  it('asks for all images at once when the model allows it', async () => {
    const { model, counts } = fakeModel(10);
    const result = await generateImagesInBatches(model, options(4));
    expect(counts).toEqual([4]);
    expect(result.images).toHaveLength(4);
  });

  it('splits n by maxImagesPerCall and joins images, warnings and usage', async () => {
    const { model, counts } = fakeModel(() => 2);
    const result = await generateImagesInBatches(model, options(5));
    expect(counts).toEqual([2, 2, 1]);
    expect(result.images).toEqual(['image-0', 'image-1', 'image-2', 'image-3', 'image-4']);
    expect(result.warnings).toHaveLength(3);
    expect(result.usage).toEqual({ inputTokens: 6, outputTokens: 50, totalTokens: undefined });
  });

  it('generates one image per call when the model states no limit, as the AI SDK does', async () => {
    const { model, counts } = fakeModel(undefined);
    await generateImagesInBatches(model, options(3));
    expect(counts).toEqual([1, 1, 1]);
  });
});
