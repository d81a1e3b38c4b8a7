import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { MockModelConfig } from '../../config/schema.ts';
import type { MockLanguageModelOptions } from './mock-language-model.ts';
import { createMockLanguageModel } from './mock-language-model.ts';

/** Test-only helpers: settings with the schema defaults, prompts, stream collection. */
export const mockSettings = (overrides: Partial<MockModelConfig> = {}): MockModelConfig => ({
  latencyMs: 0,
  firstTokenMs: 0,
  chunkDelayMs: 0,
  errorRate: 1,
  hang: false,
  ...overrides,
});

export const mockModel = (
  overrides: Partial<MockModelConfig> = {},
  options: Partial<MockLanguageModelOptions> = {},
) =>
  createMockLanguageModel({
    providerId: 'mock',
    modelId: 'test-model',
    settings: mockSettings(overrides),
    now: () => new Date('2025-01-01T00:00:00Z'),
    ...options,
  });

export const userPrompt = (text: string): LanguageModelV4Prompt => [
  { role: 'user', content: [{ type: 'text', text }] },
];

export async function readParts(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}
