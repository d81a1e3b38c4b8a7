import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.ts';

function usage(
  input: Partial<LanguageModelV4Usage['inputTokens']>,
  output: Partial<LanguageModelV4Usage['outputTokens']>,
): LanguageModelV4Usage {
  return {
    inputTokens: {
      total: undefined,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
      ...input,
    },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined, ...output },
  };
}

// Golden figures worked out by hand from the providers' published list prices.
describe('computeCost', () => {
  it('prices plain input and output (OpenAI gpt-4o: $2.50 in, $10 out per million)', () => {
    const cost = computeCost('openai', 'gpt-4o', usage({ total: 1200 }, { total: 300 }));
    // 1200 × 2.5e-6 = 0.003; 300 × 10e-6 = 0.003
    expect(cost?.input).toBeCloseTo(0.003, 12);
    expect(cost?.output).toBeCloseTo(0.003, 12);
    expect(cost?.total).toBeCloseTo(0.006, 12);
  });

  it('prices OpenAI cached input at the cached rate ($1.25 per million for gpt-4o)', () => {
    const cost = computeCost(
      'openai',
      'gpt-4o',
      usage({ total: 1000, cacheRead: 600 }, { total: 100 }),
    );
    // fresh 400 × 2.5e-6 = 0.001; cached 600 × 1.25e-6 = 0.00075; output 100 × 10e-6 = 0.001
    expect(cost).toMatchObject({ cacheWrite: 0, currency: 'USD' });
    expect(cost?.input).toBeCloseTo(0.001, 12);
    expect(cost?.cacheRead).toBeCloseTo(0.00075, 12);
    expect(cost?.total).toBeCloseTo(0.00275, 12);
  });

  it('prices Anthropic cache reads and writes as billed (Sonnet 4.5: $3 in, $0.30 read, $3.75 write, $15 out)', () => {
    const cost = computeCost(
      'anthropic',
      'claude-sonnet-4-5',
      usage({ total: 1000, cacheRead: 400, cacheWrite: 100 }, { total: 500 }),
    );
    // fresh 500 × 3e-6 = 0.0015; read 400 × 0.3e-6 = 0.00012; write 100 × 3.75e-6 = 0.000375; out 500 × 15e-6 = 0.0075
    expect(cost?.input).toBeCloseTo(0.0015, 12);
    expect(cost?.cacheRead).toBeCloseTo(0.00012, 12);
    expect(cost?.cacheWrite).toBeCloseTo(0.000375, 12);
    expect(cost?.output).toBeCloseTo(0.0075, 12);
    expect(cost?.total).toBeCloseTo(0.009495, 12);
  });

  it('prices a long-context Gemini request wholly at the upper tier, output included', () => {
    const cost = computeCost(
      'google',
      'gemini-2.5-pro',
      usage({ total: 250_000 }, { total: 1000 }),
    );
    // over 200k input: $2.50 in, $15 out → 250000 × 2.5e-6 = 0.625; 1000 × 15e-6 = 0.015
    expect(cost?.input).toBeCloseTo(0.625, 12);
    expect(cost?.output).toBeCloseTo(0.015, 12);
  });

  it('bills reasoning tokens apart only when the pricing names a reasoning price', () => {
    const pricing = { input: 1, output: 4, reasoning: 2 };
    const cost = computeCost(
      'openai-compatible',
      'local',
      usage({ total: 1000 }, { total: 600, reasoning: 400 }),
      pricing,
    );
    // input 1000 × 1e-6 = 0.001; text 200 × 4e-6 = 0.0008; reasoning 400 × 2e-6 = 0.0008
    expect(cost?.output).toBeCloseTo(0.0016, 12);
    expect(cost?.total).toBeCloseTo(0.0026, 12);
    const flat = computeCost(
      'openai-compatible',
      'local',
      usage({ total: 1000 }, { total: 600, reasoning: 400 }),
      { input: 1, output: 4 },
    );
    expect(flat?.output).toBeCloseTo(0.0024, 12);
  });

  it('uses configured prices over the dataset', () => {
    const cost = computeCost('openai', 'gpt-4o', usage({ total: 1_000_000 }, { total: 0 }), {
      input: 0.5,
      output: 1,
    });
    expect(cost?.total).toBeCloseTo(0.5, 12);
  });

  it('has no cost for a model the dataset does not know and the config does not price', () => {
    expect(
      computeCost('openai', 'no-such-model-xyz', usage({ total: 10 }, { total: 10 })),
    ).toBeUndefined();
    expect(computeCost('mock', 'echo', usage({ total: 10 }, { total: 10 }))).toBeUndefined();
  });

  it.each([
    ['openai', 'openai', 'gpt-4o-mini'],
    ['anthropic', 'anthropic', 'claude-haiku-4-5'],
    ['google', 'google', 'gemini-2.5-flash'],
    ['mistral', 'mistral', 'mistral-large-latest'],
    ['xai', 'x-ai', 'grok-4'],
    ['cohere', 'cohere', 'command-r-plus'],
  ])('agrees with genai-prices on the total for %s %s', (providerType, datasetId, model) => {
    const tokens = { input_tokens: 12_345, cache_read_tokens: 2_000, output_tokens: 678 };
    const expected = calcPrice(tokens, model as string, { providerId: datasetId as string });
    const cost = computeCost(
      providerType as string,
      model as string,
      usage({ total: 12_345, cacheRead: 2_000 }, { total: 678 }),
    );
    expect(expected).not.toBeNull();
    expect(cost?.total).toBeCloseTo(expected?.total_price ?? Number.NaN, 12);
  });
});
