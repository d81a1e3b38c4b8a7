import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertUsage } from './convert-usage.ts';

const usage = (
  input: Partial<LanguageModelV4Usage['inputTokens']> = {},
  output: Partial<LanguageModelV4Usage['outputTokens']> = {},
): LanguageModelV4Usage => ({
  inputTokens: {
    total: 100,
    noCache: undefined,
    cacheRead: undefined,
    cacheWrite: undefined,
    ...input,
  },
  outputTokens: { total: 20, text: undefined, reasoning: undefined, ...output },
});

describe('convertUsage', () => {
  it('reports only the totals when no details were reported', () => {
    expect(convertUsage(usage())).toStrictEqual({
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
    });
  });

  it('counts unreported totals as zero', () => {
    expect(convertUsage(usage({ total: undefined }, { total: undefined }))).toStrictEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
    });
  });

  it('reports cached tokens when the upstream reported a cache read', () => {
    expect(convertUsage(usage({ cacheRead: 80 })).prompt_tokens_details).toStrictEqual({
      cached_tokens: 80,
    });
  });

  it('reports a reported cache read of zero', () => {
    expect(convertUsage(usage({ cacheRead: 0 })).prompt_tokens_details).toStrictEqual({
      cached_tokens: 0,
    });
  });

  it('reports cache writes, with zero cached tokens when no read was reported', () => {
    expect(convertUsage(usage({ cacheWrite: 30 })).prompt_tokens_details).toStrictEqual({
      cached_tokens: 0,
      cache_write_tokens: 30,
    });
    expect(
      convertUsage(usage({ cacheRead: 5, cacheWrite: 30 })).prompt_tokens_details,
    ).toStrictEqual({
      cached_tokens: 5,
      cache_write_tokens: 30,
    });
  });

  it('reports reasoning tokens only when the upstream reported them', () => {
    expect(convertUsage(usage({}, { reasoning: 12 })).completion_tokens_details).toStrictEqual({
      reasoning_tokens: 12,
    });
    expect(convertUsage(usage()).completion_tokens_details).toBeUndefined();
  });
});
