import { describe, expect, it } from 'vitest';
import { parseTarget } from './target.ts';

describe('parseTarget', () => {
  it('splits provider/model at the first slash', () => {
    expect(parseTarget('openai/gpt-4o')).toEqual({
      id: 'openai/gpt-4o',
      providerId: 'openai',
      modelId: 'gpt-4o',
    });
    expect(parseTarget('openrouter/meta-llama/llama-3-70b')).toEqual({
      id: 'openrouter/meta-llama/llama-3-70b',
      providerId: 'openrouter',
      modelId: 'meta-llama/llama-3-70b',
    });
  });

  it('returns undefined without a provider, a model or a slash', () => {
    expect(parseTarget('gpt-4o')).toBeUndefined();
    expect(parseTarget('/gpt-4o')).toBeUndefined();
    expect(parseTarget('openai/')).toBeUndefined();
    expect(parseTarget('')).toBeUndefined();
  });
});
