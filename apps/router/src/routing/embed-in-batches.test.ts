import type { EmbeddingModelV4, EmbeddingModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { embedInBatches } from './embed-in-batches.ts';

function fakeModel(maxEmbeddingsPerCall: number | undefined, supportsParallelCalls = true) {
  const calls: string[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const model: EmbeddingModelV4 = {
    specificationVersion: 'v4',
    provider: 'fake.embedding',
    modelId: 'fake',
    maxEmbeddingsPerCall,
    supportsParallelCalls,
    async doEmbed({ values }: EmbeddingModelV4CallOptions) {
      calls.push(values);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return {
        embeddings: values.map((value) => [Number(value)]),
        usage: { tokens: values.length },
        warnings: [],
      };
    },
  };
  return { model, calls, mostInFlight: () => mostInFlight };
}

const values = (count: number) => Array.from({ length: count }, (_, index) => String(index));

describe('embedInBatches', () => {
  it('makes one call when the batch fits the model, or the model states no limit', async () => {
    for (const limit of [5, undefined]) {
      const { model, calls } = fakeModel(limit);
      await embedInBatches(model, { values: values(5) });
      expect(calls).toHaveLength(1);
    }
  });

  it('splits a larger batch, keeps the input order and sums the usage', async () => {
    const { model, calls, mostInFlight } = fakeModel(3);
    const result = await embedInBatches(model, { values: values(20) });
    expect(calls.map((call) => call.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(result.embeddings).toEqual(values(20).map((value) => [Number(value)]));
    expect(result.usage).toEqual({ tokens: 20 });
    expect(mostInFlight()).toBe(4);
  });

  it('calls one at a time when the model does not allow parallel calls', async () => {
    const { model, mostInFlight } = fakeModel(2, false);
    await embedInBatches(model, { values: values(7) });
    expect(mostInFlight()).toBe(1);
  });
});
