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

/**
 * The error an encoder reports for a stream's `error` part: a GatewayError (a guardrail block,
 * a stream the router itself ended) as it is, so its code and message reach the client; anything
 * else, whose text may carry upstream details, as a generic interruption.
 * @example streamFailureOf(new GuardrailViolationError(...)).code // 'guardrail_violation'
 */
export function streamFailureOf(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  return new StreamInterruptedError('The upstream stream failed after it had started.', error);
}
