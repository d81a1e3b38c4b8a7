import { describe, expect, it } from 'vitest';
import { describeModel } from './describe-model.ts';

describe('describeModel', () => {
  it('combines models.dev capabilities with genai-prices prices', () => {
    const model = describeModel('openai', 'gpt-4o');
    expect(model).toMatchObject({
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      toolCalls: true,
      modalities: { input: ['text', 'image'], output: ['text'] },
      pricing: { input: 2.5, output: 10, cacheRead: 1.25 },
    });
  });

  it('knows models newer than models.dev from genai-prices alone', () => {
    const model = describeModel('anthropic', 'claude-sonnet-4-5');
    expect(model.contextWindow).toBe(200_000);
    expect(model.pricing).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
  });

  it('covers Cohere, which models.dev lacks', () => {
    expect(describeModel('cohere', 'command-r-plus').pricing?.input).toBeGreaterThan(0);
  });

  it('lets configured values win, field by field', () => {
    const model = describeModel('openai', 'gpt-4o', {
      contextWindow: 64_000,
      pricing: { input: 1, output: 2 },
    });
    expect(model.contextWindow).toBe(64_000);
    expect(model.maxOutputTokens).toBe(16_384);
    expect(model.pricing).toEqual({ input: 1, output: 2, cacheRead: 1.25 });
  });

  it('describes an unknown model by its config alone', () => {
    expect(describeModel('openai-compatible', 'llama3', { contextWindow: 8192 })).toEqual({
      contextWindow: 8192,
    });
    expect(describeModel('mock', 'echo')).toEqual({});
  });
});
