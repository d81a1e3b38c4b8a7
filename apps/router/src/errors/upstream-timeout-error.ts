import { GatewayError } from './gateway-error.ts';

/** An attempt ran out of time: no answer, or no first token, within its deadline. */
export class UpstreamTimeoutError extends GatewayError {
  constructor(message: string) {
    super({
      message,
      statusCode: 504,
      type: 'timeout_error',
      code: 'upstream_timeout',
      isRetryable: true,
    });
    this.name = 'UpstreamTimeoutError';
  }
}
