import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { createRerankingModel } from './create-reranking-model.ts';

const { providers } = parseConfig({
  providers: {
    mock: { type: 'mock', models: { rank: {} } },
    cohere: { type: 'cohere', apiKey: 'env:MY_COHERE_KEY', baseURL: 'http://cohere.test/v2' },
    together: { type: 'togetherai', apiKey: 'test-key' },
    bedrock: { type: 'amazon-bedrock', apiKey: 'test-key', region: 'us-east-1' },
    openai: { type: 'openai', apiKey: 'test-key' },
  },
});

const create = (
  providerId: string,
  modelId: string,
  options: { env?: Record<string, string>; apiKey?: string; fetch?: typeof fetch } = {},
) =>
  createRerankingModel(
    providers[providerId],
    { providerId, env: options.env ?? {}, apiKey: options.apiKey, fetch: options.fetch },
    modelId,
  );

function failure(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('createRerankingModel', () => {
  it('creates the reranking model of each provider type that has them', () => {
    expect(create('mock', 'rank').provider).toBe('mock.reranking');
    expect(create('together', 'Salesforce/Llama-Rank-v1').specificationVersion).toBe('v4');
    expect(create('bedrock', 'cohere.rerank-v3-5:0').specificationVersion).toBe('v4');
  });

  it("calls Cohere's rerank API through @ai-sdk/cohere with the configured base URL and key", async () => {
    const sent: { url: string; body: unknown; authorization: string | null }[] = [];
    const model = create('cohere', 'rerank-v3.5', {
      env: { MY_COHERE_KEY: 'co-key' },
      fetch: async (url, init) => {
        sent.push({
          url: String(url),
          body: JSON.parse(String(init?.body)),
          authorization: new Headers(init?.headers).get('authorization'),
        });
        const results = [
          { index: 1, relevance_score: 0.9 },
          { index: 0, relevance_score: 0.1 },
        ];
        return Response.json({ id: 'r1', results, meta: {} });
      },
    });
    const { ranking } = await model.doRerank({
      documents: { type: 'text', values: ['dogs', 'cats'] },
      query: 'cats',
      topN: 2,
    });
    expect(ranking).toEqual([
      { index: 1, relevanceScore: 0.9 },
      { index: 0, relevanceScore: 0.1 },
    ]);
    expect(sent).toEqual([
      {
        url: 'http://cohere.test/v2/rerank',
        body: expect.objectContaining({
          model: 'rerank-v3.5',
          query: 'cats',
          documents: ['dogs', 'cats'],
          top_n: 2,
        }),
        authorization: 'Bearer co-key',
      },
    ]);
  });

  it("uses the request's own key (BYOK) when the provider has none configured", () => {
    expect(create('cohere', 'rerank-v3.5', { apiKey: 'co-request' }).provider).toContain('cohere');
  });

  it('answers 400 reranking_not_supported for a provider without reranking models', () => {
    const error = failure(() => create('openai', 'gpt-4o'));
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'reranking_not_supported',
      isRetryable: false,
    });
  });

  it('fails with a retryable error when the provider has no key, so another target may serve', () => {
    const error = failure(() => create('cohere', 'rerank-v3.5'));
    expect(error.isRetryable).toBe(true);
  });
});
