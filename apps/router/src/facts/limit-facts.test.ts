import { describe, expect, it } from 'vitest';
import { formatResetDuration, limitHeaders } from './limit-facts.ts';

describe('formatResetDuration', () => {
  it.each([
    [0, '0ms'],
    [20, '20ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [1_001, '2s'],
    [360_000, '6m0s'],
    [3_723_000, '1h2m3s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatResetDuration(ms)).toBe(text);
  });
});

describe('limitHeaders', () => {
  it('names both limits as OpenAI does, never a negative remaining', () => {
    expect(
      limitHeaders({
        requests: { limit: 60, remaining: 59, resetMs: 1_000 },
        tokens: { limit: 1_000, remaining: -5, resetMs: 30_000 },
      }),
    ).toEqual({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '30s',
    });
  });

  it('rounds retry-after up to whole seconds, at least one', () => {
    expect(limitHeaders({ retryAfterMs: 1_200, shouldRetry: true })).toEqual({
      'retry-after': '2',
      'retry-after-ms': '1200',
      'x-should-retry': 'true',
    });
    expect(limitHeaders({ retryAfterMs: 3 })['retry-after']).toBe('1');
  });

  it('says not to retry a request no retry can serve', () => {
    expect(limitHeaders({ shouldRetry: false })).toEqual({ 'x-should-retry': 'false' });
  });
});
