import type { JSONObject, RerankingModelV4 } from '@ai-sdk/provider';
import { fnv1a } from './mock-embedding-model.ts';
import { createMockGate, type MockModelOptions } from './mock-faults.ts';

export type MockRerankingModelOptions = MockModelOptions;

/**
 * A deterministic reranking model: a document's score is the share of the query's words it
 * contains (object documents are read as their JSON), plus a sliver from a hash of the pair so
 * ties still order the same way on every runtime. Documents come back best first, cut to `topN`.
 *
 * @example
 * const model = createMockRerankingModel({ providerId: 'mock', modelId: 'rank', settings });
 * const { ranking } = await model.doRerank({ query: 'cats', documents: { type: 'text', values } });
 */
export function createMockRerankingModel(options: MockRerankingModelOptions): RerankingModelV4 {
  const { providerId, modelId } = options;
  const passGate = createMockGate(options);
  return {
    specificationVersion: 'v4',
    provider: `${providerId}.reranking`,
    modelId,
    async doRerank({ documents, query, topN, abortSignal }) {
      await passGate(abortSignal);
      const texts: string[] =
        documents.type === 'text'
          ? documents.values
          : documents.values.map((value: JSONObject) => JSON.stringify(value));
      const ranking = texts
        .map((text, index) => ({ index, relevanceScore: mockRelevance(query, text) }))
        .sort((a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index);
      return { ranking: topN === undefined ? ranking : ranking.slice(0, topN), warnings: [] };
    },
  };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Between 0 and 1: the query's words found in the text, and a tie-breaker below 0.001. */
export function mockRelevance(query: string, text: string): number {
  const wanted = words(query);
  const present = words(text);
  const found = [...wanted].filter((word) => present.has(word)).length;
  const overlap = wanted.size === 0 ? 0 : found / wanted.size;
  const tieBreaker = fnv1a(`${query}\u0000${text}`) / 0xffffffff / 1000;
  return Math.min(1, overlap * 0.999 + tieBreaker);
}
