import { describe, expect, it } from 'vitest';
import { createMockRerankingModel, mockRelevance } from './mock-reranking-model.ts';
import { mockSettings } from './test-support.ts';

const rerankingModel = (overrides: Parameters<typeof mockSettings>[0] = {}) =>
  createMockRerankingModel({
    providerId: 'mock',
    modelId: 'rank',
    settings: mockSettings(overrides),
  });

describe('createMockRerankingModel', () => {
  it('ranks documents that contain more of the query first, every index once', async () => {
    const model = rerankingModel();
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'mock.reranking' });
    const { ranking } = await model.doRerank({
      documents: { type: 'text', values: ['nothing here', 'red apples', 'apples'] },
      query: 'red apples',
    });
    expect(ranking.map(({ index }) => index)).toEqual([1, 2, 0]);
    for (const { relevanceScore } of ranking) {
      expect(relevanceScore).toBeGreaterThanOrEqual(0);
      expect(relevanceScore).toBeLessThanOrEqual(1);
    }
  });

  it('reads object documents as their JSON and cuts the ranking to topN', async () => {
    const { ranking } = await rerankingModel().doRerank({
      documents: { type: 'object', values: [{ name: 'pear' }, { name: 'apple' }, { name: 'fig' }] },
      query: 'apple',
      topN: 1,
    });
    expect(ranking).toEqual([{ index: 1, relevanceScore: expect.any(Number) }]);
  });

  it('scores the same pair the same way every time', () => {
    expect(mockRelevance('a query', 'a document')).toBe(mockRelevance('a query', 'a document'));
    expect(mockRelevance('a query', 'a document')).not.toBe(mockRelevance('a query', 'other'));
  });

  it('fails with the configured error status like the other mock models', async () => {
    const failing = rerankingModel({ errorStatus: 503 });
    await expect(
      failing.doRerank({ documents: { type: 'text', values: ['x'] }, query: 'x' }),
    ).rejects.toMatchObject({ statusCode: 503, isRetryable: true });
  });
});
