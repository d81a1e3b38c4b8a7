import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardRateLimitError');

/**
 * A rate limit was hit (429), the router's own or every upstream's. Retryable after
 * `retryAfter` seconds when the router says how long.
 * @example
 * if (SwitchyardRateLimitError.isInstance(error)) await sleep((error.retryAfter ?? 1) * 1000);
 */
export class SwitchyardRateLimitError extends SwitchyardError {
  readonly [symbol] = true;
  /** Seconds to wait, from the `Retry-After` response header. */
  readonly retryAfter: number | undefined;

  constructor(options: SwitchyardErrorOptions) {
    super(options);
    this.name = 'SwitchyardRateLimitError';
    this.retryAfter = parseRetryAfter(options.responseHeaders?.['retry-after']);
  }

  static override isInstance(error: unknown): error is SwitchyardRateLimitError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}

/** `Retry-After` is either delay seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
