import { describe, expect, it } from 'vitest';
import { splitSwitchyardOptions, toRequestControls } from './switchyard-provider-options.ts';

describe('toRequestControls', () => {
  it('maps the AI SDK spelling onto the OpenRouter-shaped request controls', () => {
    expect(
      toRequestControls({
        models: ['openai/gpt-4o'],
        order: ['anthropic'],
        only: ['anthropic', 'openai'],
        ignore: ['google'],
        allowFallbacks: true,
        requireParameters: true,
        sort: 'price',
        maxPrice: { input: 1 },
        metadata: { team: 'search' },
        user: 'u-1',
        tags: ['beta'],
      }),
    ).toEqual({
      models: ['openai/gpt-4o'],
      provider: {
        order: ['anthropic'],
        only: ['anthropic', 'openai'],
        ignore: ['google'],
        allow_fallbacks: true,
        require_parameters: true,
        sort: 'price',
        max_price: { prompt: 1 },
      },
      metadata: { team: 'search' },
      user: 'u-1',
      tags: ['beta'],
    });
  });

  it('sets no provider controls when none of them is given', () => {
    expect(toRequestControls({ user: 'u', tags: ['t'], cache: { noStore: true } })).toEqual({
      models: undefined,
      provider: undefined,
      metadata: undefined,
      user: 'u',
      tags: ['t'],
    });
    expect(toRequestControls(undefined)).toEqual({});
  });
});

describe('splitSwitchyardOptions', () => {
  it('keeps the other providers options as they are', () => {
    const openai = { reasoningEffort: 'low', store: false };
    expect(splitSwitchyardOptions({ switchyard: { order: ['openai'] }, openai })).toEqual({
      providerOptions: { openai },
      controls: { models: undefined, provider: expect.objectContaining({ order: ['openai'] }) },
    });
    expect(splitSwitchyardOptions(undefined)).toEqual({ providerOptions: undefined, controls: {} });
  });
});
