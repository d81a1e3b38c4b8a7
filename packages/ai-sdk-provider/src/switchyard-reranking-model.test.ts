import { InvalidArgumentError } from '@ai-sdk/provider';
import { rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { SwitchyardRateLimitError } from './errors/switchyard-rate-limit-error.ts';
import { createGateway } from './switchyard-provider.ts';
import {
  fakeFetch,
  jsonReply,
  resolvedUnexpectedly,
  stableHeaders,
} from './test-support/fake-fetch.ts';

const rankingReply = {
  ranking: [
    { index: 1, relevanceScore: 0.92 },
    { index: 0, relevanceScore: 0.13 },
  ],
  warnings: [],
  providerMetadata: { switchyard: { provider: 'cohere', attempts: 1 } },
};

function rerankingModel(fetch: typeof globalThis.fetch) {
  return createGateway({
    baseURL: 'https://router.test/v4/ai',
    apiKey: 'sk-test',
    fetch,
  }).rerankingModel('cohere/rerank-v3.5');
}

describe('SwitchyardRerankingModel', () => {
  it('posts documents, query and topN to {baseURL}/reranking-model', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(rankingReply));
    await rerankingModel(fetch).doRerank({
      documents: { type: 'text', values: ['sunny day', 'rainy night'] },
      query: 'rain',
      topN: 2,
    });

    expect(calls[0]?.url).toBe('https://router.test/v4/ai/reranking-model');
    expect(stableHeaders(calls[0])).toMatchInlineSnapshot(`
      {
        "ai-gateway-protocol-version": "0.0.1",
        "ai-model-id": "cohere/rerank-v3.5",
        "ai-reranking-model-specification-version": "4",
        "authorization": "Bearer sk-test",
        "content-type": "application/json",
      }
    `);
    expect(calls[0]?.body).toEqual({
      documents: { type: 'text', values: ['sunny day', 'rainy night'] },
      query: 'rain',
      topN: 2,
    });
  });

  it('returns the ranking, switchyard metadata and the response', async () => {
    const { fetch } = fakeFetch(
      jsonReply(rankingReply, { headers: { 'x-switchyard-cache': 'BYPASS' } }),
    );
    const result = await rerankingModel(fetch).doRerank({
      documents: { type: 'object', values: [{ id: 'a' }, { id: 'b' }] },
      query: 'b',
    });

    expect(result.ranking).toEqual(rankingReply.ranking);
    expect(result.providerMetadata).toEqual(rankingReply.providerMetadata);
    expect(result.response?.headers?.['x-switchyard-cache']).toBe('BYPASS');
  });

  it('validates providerOptions.switchyard before sending', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(rankingReply));
    const error = await rerankingModel(fetch)
      .doRerank({
        documents: { type: 'text', values: ['a'] },
        query: 'a',
        providerOptions: { switchyard: { models: 'not-a-list' } },
      })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('maps a 429 to SwitchyardRateLimitError', async () => {
    const { fetch } = fakeFetch(
      jsonReply(
        { error: { message: 'Slow down.', type: 'rate_limit_exceeded', param: null, code: null } },
        { status: 429 },
      ),
    );
    const error = await rerankingModel(fetch)
      .doRerank({ documents: { type: 'text', values: ['a'] }, query: 'a' })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(SwitchyardRateLimitError.isInstance(error)).toBe(true);
  });

  it('works with rerank', async () => {
    const { fetch } = fakeFetch(jsonReply(rankingReply));
    const result = await rerank({
      model: rerankingModel(fetch),
      documents: ['sunny day', 'rainy night'],
      query: 'rain',
    });

    expect(result.rerankedDocuments).toEqual(['rainy night', 'sunny day']);
    expect(result.ranking[0]).toMatchObject({ originalIndex: 1, score: 0.92 });
  });
});
