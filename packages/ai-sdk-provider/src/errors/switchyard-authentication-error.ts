import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardAuthenticationError');

/**
 * The router did not accept the API key (401): missing, mistyped or revoked.
 * @example
 * if (SwitchyardAuthenticationError.isInstance(error)) console.error('check SWITCHYARD_API_KEY');
 */
export class SwitchyardAuthenticationError extends SwitchyardError {
  readonly [symbol] = true;

  constructor(options: SwitchyardErrorOptions) {
    super(options);
    this.name = 'SwitchyardAuthenticationError';
  }

  static override isInstance(error: unknown): error is SwitchyardAuthenticationError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}
