import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RouterEnv } from '../../context.ts';
import { GatewayError, UpstreamError } from '../../errors/index.ts';
import { reportUnexpectedError, toErrorEnvelope } from '../../middleware/error-handler.ts';

/** The error `type` names of the Anthropic API, which its SDKs turn into typed errors. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface AnthropicErrorEnvelope {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  request_id?: string;
}

export interface AnthropicError {
  status: number;
  body: AnthropicErrorEnvelope;
}

const typeByStatus: Record<number, AnthropicErrorType> = {
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
};

/**
 * The same failure as the OpenAI envelope reports it, in Anthropic's shape, type and status.
 * A router that cannot serve right now (503: its store, or every circuit open) and a provider
 * that is overloaded both answer `overloaded_error` 529, which Anthropic clients retry.
 * @example anthropicErrorOf(new AuthenticationError()) // { status: 401, body: { type: 'error', ... } }
 */
export function anthropicErrorOf(error: unknown, requestId?: string): AnthropicError {
  const message = GatewayError.isInstance(error)
    ? error.message
    : toErrorEnvelope(error, requestId).error.message;
  const { type, status } = GatewayError.isInstance(error)
    ? classify(error)
    : { type: 'api_error' as const, status: 500 };
  return {
    status,
    body: {
      type: 'error',
      error: { type, message },
      ...(requestId !== undefined && { request_id: requestId }),
    },
  };
}

function classify(error: GatewayError): { type: AnthropicErrorType; status: number } {
  const status = error.statusCode;
  const upstream = error instanceof UpstreamError ? error.upstreamStatus : undefined;
  if (status === 503 || upstream === 529 || upstream === 503) {
    return { type: 'overloaded_error', status: 529 };
  }
  if (status === 504) return { type: 'timeout_error', status: 504 };
  if (status >= 500) return { type: 'api_error', status: 500 };
  return { type: typeByStatus[status] ?? 'invalid_request_error', status };
}

/** `app.onError` for the Anthropic routes: unexpected failures are logged, never sent. */
export const anthropicErrorHandler: ErrorHandler<RouterEnv> = (error, c) => {
  const requestId = c.get('requestId');
  if (!GatewayError.isInstance(error)) reportUnexpectedError(error, requestId);
  const { status, body } = anthropicErrorOf(error, requestId);
  return c.json(body, status as ContentfulStatusCode);
};
