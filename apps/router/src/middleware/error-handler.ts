import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RouterEnv } from '../context.ts';
import { type ErrorEnvelope, GatewayError } from '../errors/index.ts';

/** Every failure leaves as the one envelope; unexpected ones are logged, never sent. */
export const errorHandler: ErrorHandler<RouterEnv> = (error, c) => {
  const envelope = toErrorEnvelope(error, c.get('requestId'));
  const status = GatewayError.isInstance(error) ? error.statusCode : 500;
  if (!GatewayError.isInstance(error)) reportUnexpectedError(error, c.get('requestId'));
  return c.json(envelope, status as ContentfulStatusCode);
};

/** Logs a failure that is not a `GatewayError`: its details stay in the log, never on the wire. */
export function reportUnexpectedError(error: unknown, requestId: string | undefined): void {
  console.error(
    JSON.stringify({
      level: 'error',
      requestId,
      error: String(error),
      stack: (error as Error)?.stack,
    }),
  );
}

export function toErrorEnvelope(error: unknown, requestId?: string): ErrorEnvelope {
  if (GatewayError.isInstance(error)) return error.toJSON();
  return {
    error: {
      message: `The gateway failed unexpectedly${requestId ? ` (request ${requestId})` : ''}.`,
      type: 'api_error',
      param: null,
      code: 'internal_error',
    },
  };
}
