import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { describe, expect, it } from 'vitest';
import { defaultEmbeddingDimensions } from './openai-embeddings.ts';
import { apiCallErrorOf, postRaw, useMockUpstream } from './test-helpers.ts';

const upstream = useMockUpstream();

const embeddingModel = (modelId = 'text-embedding-3-small') =>
  createOpenAI({ baseURL: upstream.baseURLs.openai, apiKey: 'test' }).embeddingModel(modelId);

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe('OpenAI embeddings mock', () => {
  it('answers @ai-sdk/openai with one unit vector per value and usage', async () => {
    const result = await embeddingModel().doEmbed({ values: ['sunny day', 'rainy night'] });
    expect(result.embeddings).toHaveLength(2);
    for (const vector of result.embeddings) {
      expect(vector).toHaveLength(defaultEmbeddingDimensions);
      expect(norm(vector)).toBeCloseTo(1, 10);
    }
    expect(result.embeddings[0]).not.toEqual(result.embeddings[1]);
    expect(result.usage?.tokens).toBeGreaterThan(0);
    expect(upstream.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      model: 'text-embedding-3-small',
      body: { input: ['sunny day', 'rainy night'], encoding_format: 'float' },
    });
  });

  it('embeds the same text to the same vector on every request', async () => {
    const first = await embeddingModel().doEmbed({ values: ['stable'] });
    const second = await embeddingModel('other-model').doEmbed({ values: ['stable'] });
    expect(first.embeddings).toEqual(second.embeddings);
  });

  it('honours the requested dimensions', async () => {
    const { embeddings } = await embeddingModel().doEmbed({ values: ['x'], dimensions: 3 });
    expect(embeddings[0]).toHaveLength(3);
  });

  it('serves openai-compatible embeddings on the same path', async () => {
    const model = createOpenAICompatible({
      name: 'compatible',
      baseURL: upstream.baseURLs.openai,
      apiKey: 'test',
    }).embeddingModel('nomic-embed-text');
    const { embeddings } = await model.doEmbed({ values: ['a', 'b', 'c'] });
    expect(embeddings).toHaveLength(3);
  });

  it('fails with an OpenAI error body for an injected status', async () => {
    const error = await apiCallErrorOf(
      Promise.resolve(
        embeddingModel('text-embedding-3-small~status=503').doEmbed({ values: ['x'] }),
      ),
    );
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
  });

  it('takes a single string input as one value', async () => {
    const { response, text } = await postRaw(`${upstream.baseURLs.openai}/embeddings`, {
      model: 'text-embedding-3-small',
      input: 'just one',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({
      object: 'list',
      data: [{ object: 'embedding', index: 0 }],
      usage: { prompt_tokens: expect.any(Number) },
    });
  });
});
