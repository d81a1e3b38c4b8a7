import {
  APICallError,
  type EmbeddingModelV4,
  type EmbeddingModelV4CallOptions,
} from '@ai-sdk/provider';
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

/** Fails the call for `failing` at once; every other call succeeds after 50 ms unless aborted. */
function failingModel(failing: string, maxEmbeddingsPerCall: number, supportsParallelCalls = true) {
  const started: string[][] = [];
  const aborted: string[][] = [];
  const model: EmbeddingModelV4 = {
    specificationVersion: 'v4',
    provider: 'fake.embedding',
    modelId: 'fake',
    maxEmbeddingsPerCall,
    supportsParallelCalls,
    async doEmbed({ values, abortSignal }: EmbeddingModelV4CallOptions) {
      started.push(values);
      if (values.includes(failing)) throw serverError();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => resolve({ embeddings: values.map(() => [0]), warnings: [] }),
          50,
        );
        abortSignal?.addEventListener('abort', () => {
          clearTimeout(timer);
          aborted.push(values);
          reject(abortSignal.reason);
        });
      });
    },
  };
  return { model, started, aborted };
}

function serverError() {
  return new APICallError({
    message: 'Internal server error',
    url: 'https://upstream.test/v1/embeddings',
    requestBodyValues: {},
    statusCode: 500,
  });
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

  it('aborts the calls in flight and starts no later wave once one call fails', async () => {
    const { model, started, aborted } = failingModel('1', 1);
    const failure = embedInBatches(model, { values: values(8) });
    await expect(failure).rejects.toSatisfy(
      (error) => APICallError.isInstance(error) && error.statusCode === 500,
    );
    expect(started).toEqual([['0'], ['1'], ['2'], ['3']]);
    expect(aborted).toEqual([['0'], ['2'], ['3']]);
  });

  it('stops a one-at-a-time batch at the first failure', async () => {
    const { model, started } = failingModel('2', 2, false);
    await expect(embedInBatches(model, { values: values(8) })).rejects.toThrow(
      'Internal server error',
    );
    expect(started).toEqual([
      ['0', '1'],
      ['2', '3'],
    ]);
  });

  it("aborts every call when the caller's signal aborts", async () => {
    const { model, started, aborted } = failingModel('none', 2);
    const caller = new AbortController();
    const result = embedInBatches(model, { values: values(6), abortSignal: caller.signal });
    await new Promise((resolve) => setTimeout(resolve, 1));
    caller.abort(new Error('client left'));
    await expect(result).rejects.toThrow('client left');
    expect(started).toHaveLength(3);
    expect(aborted).toHaveLength(3);
  });
});
