import { GatewayError } from '../errors/index.ts';

/**
 * The first request with this key is still running (409, retryable): its answer is replayed to
 * a retry once it is done. The `openai` and Anthropic clients retry a 409 on their own.
 */
export function idempotencyKeyInUse(): GatewayError {
  return new GatewayError({
    message:
      'A request with this Idempotency-Key is still running. Retry shortly with the same key to get its answer.',
    statusCode: 409,
    type: 'invalid_request_error',
    code: 'idempotency_key_in_use',
    param: 'Idempotency-Key',
    isRetryable: true,
  });
}

/** The key was used for another request (422): a retry must repeat the request exactly. */
export function idempotencyKeyReused(): GatewayError {
  return new GatewayError({
    message:
      'This Idempotency-Key was used for a different request (another path, model or body) in the last 24 hours. Send a new key with a new request.',
    statusCode: 422,
    type: 'invalid_request_error',
    code: 'idempotency_key_reused',
    param: 'Idempotency-Key',
  });
}

/**
 * The store cannot say whether the key was used (503, retryable). The request is not run: the
 * key asked for at most one charge, which the gateway cannot promise now.
 */
export function idempotencyUnavailable(cause: unknown): GatewayError {
  return new GatewayError({
    message:
      'The gateway cannot check this Idempotency-Key right now (its state store is unavailable), so the request was not run. Retry with the same key, or send the request without one.',
    statusCode: 503,
    type: 'api_error',
    code: 'idempotency_unavailable',
    param: 'Idempotency-Key',
    isRetryable: true,
    cause,
  });
}
