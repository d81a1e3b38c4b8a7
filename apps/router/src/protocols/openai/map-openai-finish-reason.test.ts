import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason, type OpenAIFinishReason } from './map-openai-finish-reason.ts';

describe('mapOpenAIFinishReason', () => {
  const cases: [LanguageModelV4FinishReason['unified'], OpenAIFinishReason][] = [
    ['stop', 'stop'],
    ['other', 'stop'],
    ['length', 'length'],
    ['tool-calls', 'tool_calls'],
    ['content-filter', 'content_filter'],
    ['error', 'error'],
    ['interrupted', 'error'],
  ];

  it.each(cases)('maps %s to %s', (unified, expected) => {
    expect(mapOpenAIFinishReason({ unified, raw: 'raw-reason' })).toBe(expected);
  });
});
