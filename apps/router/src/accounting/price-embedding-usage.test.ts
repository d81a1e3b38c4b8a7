import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { priceEmbeddingUsage } from './price-embedding-usage.ts';

const config = parseConfig({
  providers: {
    openai: { type: 'openai', apiKey: 'k' },
    google: { type: 'google', apiKey: 'k' },
    local: { type: 'openai-compatible', baseURL: 'http://localhost:1/v1' },
    mock: { type: 'mock', models: { echo: {} } },
  },
  catalog: { 'local/nomic-embed-text': { pricing: { input: 0.05, output: 0 } } },
});

const target = (id: string) => parseTarget(id) as Target;

// Golden figures worked out by hand from the providers' published list prices.
describe('priceEmbeddingUsage', () => {
  it('prices input tokens at the input price (text-embedding-3-small: $0.02 per million)', () => {
    const cost = priceEmbeddingUsage(config, target('openai/text-embedding-3-small'), {
      tokens: 1000,
    });
    // 1000 × 0.02e-6 = 0.00002
    expect(cost).toMatchObject({ cacheRead: 0, cacheWrite: 0, output: 0, currency: 'USD' });
    expect(cost?.input).toBeCloseTo(0.00002, 15);
    expect(cost?.total).toBeCloseTo(0.00002, 15);
  });

  it('prices a large batch (text-embedding-3-large: $0.13 per million)', () => {
    const cost = priceEmbeddingUsage(config, target('openai/text-embedding-3-large'), {
      tokens: 250_000,
    });
    // 250000 × 0.13e-6 = 0.0325
    expect(cost?.total).toBeCloseTo(0.0325, 12);
  });

  it('prices Gemini embeddings ($0.15 per million for gemini-embedding-001)', () => {
    const cost = priceEmbeddingUsage(config, target('google/gemini-embedding-001'), {
      tokens: 10_000,
    });
    // 10000 × 0.15e-6 = 0.0015
    expect(cost?.total).toBeCloseTo(0.0015, 12);
  });

  it("uses the config's catalog price for a model the dataset does not know", () => {
    const cost = priceEmbeddingUsage(config, target('local/nomic-embed-text'), {
      tokens: 2_000_000,
    });
    // 2000000 × 0.05e-6 = 0.1
    expect(cost?.total).toBeCloseTo(0.1, 12);
  });

  it('has no cost without usage, for an unpriced model, or for an unknown provider', () => {
    const small = target('openai/text-embedding-3-small');
    expect(priceEmbeddingUsage(config, small, undefined)).toBeUndefined();
    expect(priceEmbeddingUsage(config, target('local/all-minilm'), { tokens: 10 })).toBeUndefined();
    expect(priceEmbeddingUsage(config, target('mock/echo'), { tokens: 10 })).toBeUndefined();
    expect(
      priceEmbeddingUsage(config, target('nowhere/text-embedding-3-small'), { tokens: 10 }),
    ).toBeUndefined();
  });
});
