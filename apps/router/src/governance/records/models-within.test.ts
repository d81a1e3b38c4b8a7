import { describe, expect, it } from 'vitest';
import { modelOutside } from './models-within.ts';

describe('modelOutside', () => {
  it('accepts a child list covered by exact names and trailing wildcards', () => {
    expect(modelOutside(['openai/gpt-4o', 'fast'], ['openai/*', 'fast'])).toBeUndefined();
    expect(modelOutside(['openai/gpt-*'], ['openai/*'])).toBeUndefined();
    expect(modelOutside(['*'], ['*'])).toBeUndefined();
    expect(modelOutside([], ['openai/gpt-4o'])).toBeUndefined();
  });

  it('names the first child pattern that reaches beyond the parent', () => {
    expect(modelOutside(['openai/gpt-4o', 'anthropic/*'], ['openai/*'])).toBe('anthropic/*');
    expect(modelOutside(['*'], ['openai/*'])).toBe('*');
    expect(modelOutside(['openai/*'], ['openai/gpt-*'])).toBe('openai/*');
    expect(modelOutside(['openai/gpt-4o'], [])).toBe('openai/gpt-4o');
  });

  it('treats regular-expression characters in patterns literally', () => {
    expect(modelOutside(['openaiXgpt'], ['openai.gpt'])).toBe('openaiXgpt');
    expect(modelOutside(['a+b'], ['a+b'])).toBeUndefined();
  });

  it('puts no bound where either side has no list of its own', () => {
    expect(modelOutside(undefined, ['openai/*'])).toBeUndefined();
    expect(modelOutside(['anything/*'], undefined)).toBeUndefined();
  });
});
