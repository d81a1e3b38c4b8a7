import { describe, expect, it } from 'vitest';
import { assertValidModelId, isValidModelId, parseTarget } from './target.ts';

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

describe('isValidModelId', () => {
  it.each([
    'gpt-4o',
    'openai/gpt-4o',
    'openrouter/meta-llama/llama-3-70b:free',
    'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    'ft:gpt-4o-mini:org@team+v2~=,',
    'x'.repeat(256),
  ])('accepts %s', (id) => {
    expect(isValidModelId(id)).toBe(true);
  });

  it.each([
    ['an empty id', ''],
    ['one over 256 characters', 'x'.repeat(257)],
    ['a space', 'gpt 4o'],
    ['a query', 'gpt-4o?key=1'],
    ['a fragment', 'gpt-4o#x'],
    ['a percent escape', 'gpt%2F4o'],
    ['a backslash', 'a\\b'],
    ['a control character', 'gpt\n4o'],
    ['a non-ASCII character', 'gpt-4ö'],
    ['a .. segment', 'openai/../admin'],
    ['a . segment', 'openai/./gpt-4o'],
    ['a trailing .. segment', 'openai/..'],
  ])('refuses %s', (_case, id) => {
    expect(isValidModelId(id)).toBe(false);
  });

  it('accepts dots inside a segment', () => {
    expect(isValidModelId('a/..b/c..')).toBe(true);
  });
});

describe('assertValidModelId', () => {
  it('answers 400 invalid_model_id naming the field, never echoing the id', () => {
    const id = 'secret-looking\u0000id';
    let thrown: unknown;
    try {
      assertValidModelId(id, 'model');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ statusCode: 400, code: 'invalid_model_id', param: 'model' });
    expect(String((thrown as Error).message)).not.toContain('secret-looking');
  });

  it('lets a valid id through', () => {
    expect(() => assertValidModelId('openai/gpt-4o', 'model')).not.toThrow();
  });
});
