import { GatewayError } from './gateway-error.ts';

/** A scope's rate or concurrency limit refused the request (429); retry after `retryAfterMs`. */
export class RateLimitedError extends GatewayError {
  readonly retryAfterMs: number | undefined;

  constructor(options: { message: string; code: string; retryAfterMs?: number }) {
    super({
      message: options.message,
      statusCode: 429,
      type: 'rate_limit_error',
      code: options.code,
      isRetryable: options.retryAfterMs !== undefined,
    });
    this.name = 'RateLimitedError';
    this.retryAfterMs = options.retryAfterMs;
  }
}
