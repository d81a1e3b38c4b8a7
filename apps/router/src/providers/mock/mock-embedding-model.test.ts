import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createMockEmbeddingModel, hashVector } from './mock-embedding-model.ts';
import { mockSettings } from './test-support.ts';

const embeddingModel = (overrides: Parameters<typeof mockSettings>[0] = {}) =>
  createMockEmbeddingModel({
    providerId: 'mock',
    modelId: 'echo',
    settings: mockSettings(overrides),
  });

const length = (vector: number[]) => Math.hypot(...vector);

describe('createMockEmbeddingModel', () => {
  it('embeds each value as an 8-dimension unit vector by default, with token usage', async () => {
    const model = embeddingModel();
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'mock.embedding' });
    const result = await model.doEmbed({ values: ['hello', 'a longer piece of text'] });
    expect(result.embeddings).toHaveLength(2);
    for (const vector of result.embeddings) {
      expect(vector).toHaveLength(8);
      expect(length(vector)).toBeCloseTo(1, 10);
    }
    expect(result.usage).toEqual({ tokens: 2 + 6 });
    expect(result.warnings).toEqual([]);
  });

  it('gives equal texts equal vectors and different texts different ones', async () => {
    const { embeddings } = await embeddingModel().doEmbed({ values: ['same', 'same', 'other'] });
    expect(embeddings[0]).toEqual(embeddings[1]);
    expect(embeddings[0]).not.toEqual(embeddings[2]);
  });

  it('honours the requested dimensions', async () => {
    const { embeddings } = await embeddingModel().doEmbed({ values: ['x'], dimensions: 3 });
    expect(embeddings[0]).toHaveLength(3);
  });

  it('fails with the configured error status like the language model does', async () => {
    const error = await Promise.resolve(
      embeddingModel({ errorStatus: 503 }).doEmbed({ values: ['x'] }),
    ).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
  });

  it('rejects with the abort reason while it waits out its latency', async () => {
    const abort = new AbortController();
    const call = embeddingModel({ latencyMs: 10_000 }).doEmbed({
      values: ['x'],
      abortSignal: abort.signal,
    });
    abort.abort(new Error('client went away'));
    await expect(call).rejects.toThrow('client went away');
  });
});

describe('hashVector', () => {
  it('is stable across calls, so a text always embeds to the same vector', () => {
    expect(hashVector('switchyard', 4)).toEqual(hashVector('switchyard', 4));
    expect(hashVector('switchyard', 4).every((component) => Math.abs(component) <= 1)).toBe(true);
  });
});
