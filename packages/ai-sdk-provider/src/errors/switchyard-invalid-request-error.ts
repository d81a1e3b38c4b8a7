import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardInvalidRequestError');

/**
 * The router rejected the request as malformed or unsupported (4xx); retrying it unchanged fails
 * again. `param` names the offending field when the router knows it.
 * @example
 * if (SwitchyardInvalidRequestError.isInstance(error)) console.error(error.param, error.message);
 */
export class SwitchyardInvalidRequestError extends SwitchyardError {
  readonly [symbol] = true;

  constructor(options: SwitchyardErrorOptions) {
    super(options);
    this.name = 'SwitchyardInvalidRequestError';
  }

  static override isInstance(error: unknown): error is SwitchyardInvalidRequestError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}
