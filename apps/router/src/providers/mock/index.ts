export type { MockLanguageModelOptions } from './mock-language-model.ts';
export { createMockLanguageModel } from './mock-language-model.ts';
