import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InvalidRequestError,
  PermissionError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../errors/index.ts';
import { InsufficientBudgetError } from '../../errors/insufficient-budget-error.ts';
import { RateLimitedError } from '../../errors/rate-limited-error.ts';
import { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import { anthropicErrorOf } from './anthropic-error.ts';

const upstream = (upstreamStatus: number) =>
  new UpstreamError({ provider: 'p', message: 'failed', upstreamStatus, isRetryable: true });

describe('anthropicErrorOf', () => {
  it.each([
    [new InvalidRequestError({ message: 'bad' }), 400, 'invalid_request_error'],
    [new AuthenticationError(), 401, 'authentication_error'],
    [new InsufficientBudgetError({ scope: 'key k', remaining: 0 }), 402, 'billing_error'],
    [new PermissionError('no'), 403, 'permission_error'],
    [new InvalidRequestError({ message: 'big', statusCode: 413 }), 413, 'request_too_large'],
    [
      new RateLimitedError({ message: 'slow down', code: 'rate_limit_exceeded' }),
      429,
      'rate_limit_error',
    ],
    [upstream(429), 429, 'rate_limit_error'],
    [upstream(529), 529, 'overloaded_error'],
    [upstream(503), 529, 'overloaded_error'],
    [new StoreUnavailableError({ operation: 'get' }), 529, 'overloaded_error'],
    [upstream(500), 500, 'api_error'],
    [new UpstreamTimeoutError('too slow'), 504, 'timeout_error'],
    [new Error('bug'), 500, 'api_error'],
  ])('reports %s as %i %s', (error, status, type) => {
    const { status: sent, body } = anthropicErrorOf(error, 'req_1');
    expect(sent).toBe(status);
    expect(body).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: 'req_1',
    });
  });

  it('never sends the message of an unexpected failure', () => {
    const { body } = anthropicErrorOf(new Error('secret detail'), 'req_1');
    expect(body.error.message).not.toContain('secret detail');
  });
});
