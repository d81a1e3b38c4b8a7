import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RouterEnv } from '../../context.ts';
import { GatewayError, ModelNotFoundError } from '../../errors/index.ts';
import { reportUnexpectedError, toErrorEnvelope } from '../../middleware/error-handler.ts';

/**
 * The error `type` names the `@ai-sdk/gateway` client turns into its typed errors. Not
 * `authentication_error`: for that type the client, and `ai` after it, replace the router's
 * message with advice to set AI_GATEWAY_API_KEY, so a wrong Switchyard key would read as a wrong
 * Vercel one. A 401 is an `invalid_request_error`, whose message reaches the caller.
 */
export type AIGatewayErrorType =
  | 'invalid_request_error'
  | 'rate_limit_exceeded'
  | 'forbidden'
  | 'model_not_found'
  | 'not_found'
  | 'internal_server_error';

export interface AIGatewayErrorEnvelope {
  error: {
    message: string;
    type: AIGatewayErrorType;
    /** A field name, or `{ modelId }` for `model_not_found` as the client expects. */
    param: string | { modelId: string } | null;
    code: string | null;
  };
}

/** The same failure as the OpenAI envelope reports it, in this protocol's `type` names. */
export function toAIGatewayErrorEnvelope(
  error: unknown,
  requestId?: string,
): AIGatewayErrorEnvelope {
  if (!GatewayError.isInstance(error)) {
    const { message, code } = toErrorEnvelope(error, requestId).error;
    return { error: { message, type: 'internal_server_error', param: null, code } };
  }
  return {
    error: {
      message: error.message,
      type: aiGatewayErrorType(error),
      param: error instanceof ModelNotFoundError ? { modelId: error.modelId } : error.param,
      code: error.code,
    },
  };
}

/** Chosen by status, so every current and future `GatewayError` has a type the client knows. */
export function aiGatewayErrorType(error: GatewayError): AIGatewayErrorType {
  if (error instanceof ModelNotFoundError) return 'model_not_found';
  if (error.statusCode === 429) return 'rate_limit_exceeded';
  if (error.statusCode === 403) return 'forbidden';
  if (error.statusCode === 404) return 'not_found';
  if (error.statusCode >= 500) return 'internal_server_error';
  return 'invalid_request_error';
}

/** `app.onError` for the `/v1/ai` routes: unexpected failures are logged, never sent. */
export const aiGatewayErrorHandler: ErrorHandler<RouterEnv> = (error, c) => {
  const requestId = c.get('requestId');
  const status = GatewayError.isInstance(error) ? error.statusCode : 500;
  if (!GatewayError.isInstance(error)) reportUnexpectedError(error, requestId);
  return c.json(toAIGatewayErrorEnvelope(error, requestId), status as ContentfulStatusCode);
};
