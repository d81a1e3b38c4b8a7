import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { contextLengthError, failsRequest, injectedError } from './mock-faults.ts';

const origin = { providerId: 'mock', modelId: 'flaky' };
const failing = (rate: number, requests: number) =>
  Array.from({ length: requests }, (_, index) => index + 1).filter((n) => failsRequest(n, rate));

describe('failsRequest', () => {
  it('fails every other request at rate 0.5', () => {
    expect(failing(0.5, 8)).toEqual([2, 4, 6, 8]);
  });

  it('fails every request at rate 1 and none at rate 0', () => {
    expect(failing(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(failing(0, 5)).toEqual([]);
  });

  it('fails exactly rate × n of n requests, evenly spread', () => {
    expect(failing(0.25, 12)).toEqual([4, 8, 12]);
    expect(failing(0.29, 100)).toHaveLength(29);
  });
});

describe('injectedError', () => {
  it('looks like a retryable rate limit with retry-after for 429', () => {
    const error = injectedError(origin, 429);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders).toMatchObject({ 'retry-after': '1' });
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      error: {
        message: 'Rate limit exceeded (injected by mock model flaky)',
        type: 'rate_limit_error',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('is retryable for 408 and 5xx and not for other 4xx', () => {
    expect([408, 500, 503, 599].map((status) => injectedError(origin, status).isRetryable)).toEqual(
      [true, true, true, true],
    );
    expect([400, 401, 404, 422].map((status) => injectedError(origin, status).isRetryable)).toEqual(
      [false, false, false, false],
    );
    expect(injectedError(origin, 503).responseHeaders).not.toHaveProperty('retry-after');
  });
});

describe('contextLengthError', () => {
  it('is a non-retryable 400 with code context_length_exceeded', () => {
    const error = contextLengthError(origin, 120, 100);
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('maximum context length is 100 tokens');
    expect(JSON.parse(error.responseBody ?? '').error.code).toBe('context_length_exceeded');
  });
});
