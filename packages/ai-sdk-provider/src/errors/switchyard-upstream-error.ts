import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardUpstreamError');

/**
 * The router answered 5xx: every target it tried failed, or it failed itself. Retryable.
 * @example
 * if (SwitchyardUpstreamError.isInstance(error)) console.error(error.statusCode, error.code);
 */
export class SwitchyardUpstreamError extends SwitchyardError {
  readonly [symbol] = true;

  constructor(options: SwitchyardErrorOptions) {
    super(options);
    this.name = 'SwitchyardUpstreamError';
  }

  static override isInstance(error: unknown): error is SwitchyardUpstreamError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}
