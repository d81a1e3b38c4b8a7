export type { MockEmbeddingModelOptions } from './mock-embedding-model.ts';
export { createMockEmbeddingModel } from './mock-embedding-model.ts';
export type { MockImageModelOptions } from './mock-image-model.ts';
export { createMockImageModel } from './mock-image-model.ts';
export type { MockLanguageModelOptions } from './mock-language-model.ts';
export { createMockLanguageModel } from './mock-language-model.ts';
export type { MockRerankingModelOptions } from './mock-reranking-model.ts';
export { createMockRerankingModel } from './mock-reranking-model.ts';
