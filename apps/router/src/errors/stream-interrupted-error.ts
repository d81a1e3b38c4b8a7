import { GatewayError } from './gateway-error.ts';

/** A stream that had started sending failed or ended before its finish. */
export class StreamInterruptedError extends GatewayError {
  constructor(
    message = 'The upstream stream ended before the response was complete.',
    cause?: unknown,
  ) {
    super({ message, statusCode: 502, type: 'upstream_error', code: 'stream_interrupted', cause });
    this.name = 'StreamInterruptedError';
  }
}
