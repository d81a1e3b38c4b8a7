import { APICallError, type ImageModelV4, type ImageModelV4CallOptions } from '@ai-sdk/provider';
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

/** The `failing`-th call (from 0) fails at once; every other call runs until its signal aborts. */
function failingModel(failing: number) {
  let started = 0;
  let aborted = 0;
  const model: ImageModelV4 = {
    specificationVersion: 'v4',
    provider: 'fake.image',
    modelId: 'fake',
    maxImagesPerCall: 1,
    async doGenerate({ abortSignal }: ImageModelV4CallOptions) {
      if (started++ === failing) {
        throw new APICallError({
          message: 'Internal server error',
          url: 'https://upstream.test/v1/images/generations',
          requestBodyValues: {},
          statusCode: 500,
        });
      }
      return new Promise((_, reject) => {
        abortSignal?.addEventListener('abort', () => {
          aborted++;
          reject(abortSignal.reason);
        });
      });
    },
  };
  return { model, started: () => started, aborted: () => aborted };
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

  it('aborts the other calls of the batch when one fails, and rethrows that failure', async () => {
    const { model, started, aborted } = failingModel(1);
    await expect(generateImagesInBatches(model, options(4))).rejects.toSatisfy(
      (error) => APICallError.isInstance(error) && error.statusCode === 500,
    );
    expect(started()).toBe(4);
    expect(aborted()).toBe(3);
  });

  it("aborts every call when the caller's signal aborts", async () => {
    const { model, started, aborted } = failingModel(-1);
    const caller = new AbortController();
    const result = generateImagesInBatches(model, { ...options(3), abortSignal: caller.signal });
    await new Promise((resolve) => setTimeout(resolve, 1));
    caller.abort(new Error('client left'));
    await expect(result).rejects.toThrow('client left');
    expect(started()).toBe(3);
    expect(aborted()).toBe(3);
  });
});
