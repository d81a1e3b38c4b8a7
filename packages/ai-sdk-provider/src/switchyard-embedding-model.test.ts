import { InvalidArgumentError } from '@ai-sdk/provider';
import { embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { SwitchyardModelNotFoundError } from './errors/switchyard-model-not-found-error.ts';
import { createGateway } from './switchyard-provider.ts';
import {
  fakeFetch,
  jsonReply,
  resolvedUnexpectedly,
  stableHeaders,
} from './test-support/fake-fetch.ts';

const embeddingReply = {
  embeddings: [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ],
  usage: { tokens: 8 },
  providerMetadata: { switchyard: { provider: 'openai', attempts: 1 } },
};

function embeddingModel(fetch: typeof globalThis.fetch) {
  return createGateway({
    baseURL: 'https://router.test/v1/ai',
    apiKey: 'sk-test',
    fetch,
  }).embeddingModel('openai/text-embedding-3-small');
}

describe('SwitchyardEmbeddingModel', () => {
  it('posts values, dimensions and providerOptions to {baseURL}/embedding-model', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(embeddingReply));
    await embeddingModel(fetch).doEmbed({
      values: ['sunny day', 'rainy night'],
      dimensions: 3,
      providerOptions: { switchyard: { tags: ['search'] } },
      headers: { 'x-trace': 't1' },
    });

    expect(calls[0]?.url).toBe('https://router.test/v1/ai/embedding-model');
    expect(stableHeaders(calls[0])).toMatchInlineSnapshot(`
      {
        "ai-embedding-model-specification-version": "4",
        "ai-gateway-protocol-version": "0.0.1",
        "ai-model-id": "openai/text-embedding-3-small",
        "authorization": "Bearer sk-test",
        "content-type": "application/json",
        "x-trace": "t1",
      }
    `);
    expect(calls[0]?.body).toMatchInlineSnapshot(`
      {
        "dimensions": 3,
        "providerOptions": {
          "switchyard": {
            "tags": [
              "search",
            ],
          },
        },
        "values": [
          "sunny day",
          "rainy night",
        ],
      }
    `);
  });

  it('leaves providerOptions out of the body when there are none', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(embeddingReply));
    await embeddingModel(fetch).doEmbed({ values: ['a'] });

    expect(calls[0]?.body).toEqual({ values: ['a'] });
  });

  it('returns embeddings, usage and switchyard metadata', async () => {
    const { fetch } = fakeFetch(
      jsonReply(embeddingReply, { headers: { 'x-switchyard-cache': 'HIT' } }),
    );
    const result = await embeddingModel(fetch).doEmbed({ values: ['sunny day', 'rainy night'] });

    expect(result.embeddings).toEqual(embeddingReply.embeddings);
    expect(result.usage).toEqual({ tokens: 8 });
    expect(result.providerMetadata).toEqual(embeddingReply.providerMetadata);
    expect(result.response?.headers?.['x-switchyard-cache']).toBe('HIT');
    expect(result.warnings).toEqual([]);
  });

  it('validates providerOptions.switchyard before sending', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(embeddingReply));
    const error = await embeddingModel(fetch)
      .doEmbed({ values: ['a'], providerOptions: { switchyard: { sort: 'random' } } })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('maps an unknown embedding model to SwitchyardModelNotFoundError', async () => {
    const { fetch } = fakeFetch(
      jsonReply(
        { error: { message: 'No such model.', type: 'model_not_found', param: null, code: null } },
        { status: 404 },
      ),
    );
    const error = await embeddingModel(fetch)
      .doEmbed({ values: ['a'] })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as SwitchyardModelNotFoundError).modelId).toBe('openai/text-embedding-3-small');
  });

  it('works with embed and embedMany', async () => {
    const { fetch } = fakeFetch(
      jsonReply({ ...embeddingReply, embeddings: [[0.1, 0.2, 0.3]] }),
      jsonReply(embeddingReply),
    );
    const model = embeddingModel(fetch);
    const single = await embed({ model, value: 'sunny day' });
    const many = await embedMany({ model, values: ['sunny day', 'rainy night'] });

    expect(single.embedding).toEqual([0.1, 0.2, 0.3]);
    expect(many.embeddings).toHaveLength(2);
    expect(many.usage.tokens).toBe(8);
  });
});
