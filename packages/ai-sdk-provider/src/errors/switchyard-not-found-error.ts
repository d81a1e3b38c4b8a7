import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardNotFoundError');

/**
 * The requested resource does not exist (404), e.g. a `baseURL` that does not point at the
 * router's `/v1/ai`. An unknown model is a `SwitchyardModelNotFoundError` instead.
 * @example
 * if (SwitchyardNotFoundError.isInstance(error)) console.error('is baseURL .../v1/ai?');
 */
export class SwitchyardNotFoundError extends SwitchyardError {
  readonly [symbol] = true;

  constructor(options: SwitchyardErrorOptions) {
    super(options);
    this.name = 'SwitchyardNotFoundError';
  }

  static override isInstance(error: unknown): error is SwitchyardNotFoundError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}
