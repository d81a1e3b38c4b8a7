import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  type SwitchyardProviderOptions,
  validateSwitchyardProviderOptions,
} from './switchyard-provider-options.ts';

function problem(switchyard: unknown): string | undefined {
  try {
    validateSwitchyardProviderOptions({ switchyard });
    return undefined;
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
}

describe('providerOptions.switchyard', () => {
  it('accepts every documented option', () => {
    const options: SwitchyardProviderOptions = {
      models: ['anthropic/claude-sonnet-4-5', 'google/gemini-2.5-flash'],
      order: ['anthropic', 'openai'],
      only: ['anthropic', 'openai'],
      ignore: ['google'],
      sort: 'latency',
      maxPrice: { input: 3, output: 15 },
      allowFallbacks: false,
      cache: { ttl: 3600, noCache: true, noStore: false },
      user: 'user_42',
      tags: ['checkout', 'beta'],
      metadata: { team: 'payments' },
    };

    expect(problem(options)).toBeUndefined();
    expect(problem({})).toBeUndefined();
  });

  it('accepts calls without switchyard options', () => {
    expect(() => validateSwitchyardProviderOptions(undefined)).not.toThrow();
    expect(() => validateSwitchyardProviderOptions({ openai: { user: 'x' } })).not.toThrow();
  });

  it('names the field and the rule when a value is out of range', () => {
    expect(problem({ cache: { ttl: 5 } })).toMatch(
      /^Invalid Switchyard provider options\. providerOptions\.switchyard\.cache\.ttl: .*10/,
    );
    expect(problem({ cache: { ttl: 31_536_001 } })).toMatch(/cache\.ttl/);
    expect(problem({ cache: { ttl: 60.5 } })).toMatch(/cache\.ttl/);
    expect(problem({ maxPrice: { input: -1 } })).toMatch(/maxPrice\.input/);
  });

  it('rejects unknown keys so a typo fails loudly', () => {
    expect(problem({ fallbacks: ['openai/gpt-4o'] })).toMatch(/fallbacks/);
    expect(problem({ cache: { ttl: 60, noCahce: true } })).toMatch(/noCahce/);
  });

  it('rejects wrong types and enum values', () => {
    expect(problem({ sort: 'cheapest' })).toMatch(/providerOptions\.switchyard\.sort/);
    expect(problem({ models: 'openai/gpt-4o' })).toMatch(/models/);
    expect(problem({ metadata: { team: 7 } })).toMatch(/metadata\.team/);
    expect(problem({ allowFallbacks: 'no' })).toMatch(/allowFallbacks/);
    expect(problem('fast')).toMatch(/providerOptions\.switchyard/);
  });

  it('lists every problem at once', () => {
    const message = problem({ sort: 'cheapest', cache: { ttl: 1 } });

    expect(message).toMatch(/sort/);
    expect(message).toMatch(/cache\.ttl/);
  });
});
