import type { ImageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { priceImageUsage } from './price-image-usage.ts';

const config = parseConfig({
  providers: {
    openai: { type: 'openai', apiKey: 'k' },
    google: { type: 'google', apiKey: 'k' },
    local: { type: 'openai-compatible', baseURL: 'http://localhost:1/v1' },
  },
  catalog: { 'local/flux': { pricing: { input: 1, output: 2 } } },
});

const target = (id: string) => parseTarget(id) as Target;

function usage(inputTokens?: number, outputTokens?: number): ImageModelV4Usage {
  return { inputTokens, outputTokens, totalTokens: undefined };
}

// Golden figures worked out by hand from the providers' published list prices.
describe('priceImageUsage', () => {
  it('prices gpt-image-1 tokens ($5 in, $40 out per million; a high 1024×1024 image is 4160 tokens)', () => {
    const cost = priceImageUsage(config, target('openai/gpt-image-1'), usage(50, 4160));
    // 50 × 5e-6 = 0.00025; 4160 × 40e-6 = 0.1664 (OpenAI lists the image at $0.167)
    expect(cost).toMatchObject({ cacheRead: 0, cacheWrite: 0, currency: 'USD' });
    expect(cost?.input).toBeCloseTo(0.00025, 12);
    expect(cost?.output).toBeCloseTo(0.1664, 12);
    expect(cost?.total).toBeCloseTo(0.16665, 12);
  });

  it('prices output at the image-output price where the dataset has one (gemini-2.5-flash-image: $30, not $2.50)', () => {
    const cost = priceImageUsage(config, target('google/gemini-2.5-flash-image'), usage(10, 1290));
    // 10 × 0.3e-6 = 0.000003; 1290 × 30e-6 = 0.0387 (Google lists $0.039 per image)
    expect(cost?.input).toBeCloseTo(0.000003, 12);
    expect(cost?.output).toBeCloseTo(0.0387, 12);
    expect(cost?.total).toBeCloseTo(0.038703, 12);
  });

  it('prices a call that reports only output tokens', () => {
    const cost = priceImageUsage(config, target('openai/gpt-image-1'), usage(undefined, 1000));
    // 1000 × 40e-6 = 0.04
    expect(cost?.input).toBe(0);
    expect(cost?.total).toBeCloseTo(0.04, 12);
  });

  it("uses the config's catalog prices over the dataset", () => {
    const cost = priceImageUsage(config, target('local/flux'), usage(1000, 2000));
    // 1000 × 1e-6 = 0.001; 2000 × 2e-6 = 0.004
    expect(cost?.total).toBeCloseTo(0.005, 12);
  });

  it('has no cost without token counts or for a model the dataset does not price (dall-e-3)', () => {
    const gptImage = target('openai/gpt-image-1');
    expect(priceImageUsage(config, gptImage, undefined)).toBeUndefined();
    expect(priceImageUsage(config, gptImage, usage())).toBeUndefined();
    expect(priceImageUsage(config, target('openai/dall-e-3'), usage(10, 10))).toBeUndefined();
    expect(priceImageUsage(config, target('local/sdxl'), usage(10, 10))).toBeUndefined();
  });
});
