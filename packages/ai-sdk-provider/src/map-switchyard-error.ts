import { APICallError } from '@ai-sdk/provider';
import {
  createJsonErrorResponseHandler,
  isAbortError,
  secureJsonParse,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { SwitchyardAuthenticationError } from './errors/switchyard-authentication-error.ts';
import { SwitchyardError, type SwitchyardErrorOptions } from './errors/switchyard-error.ts';
import { SwitchyardInvalidRequestError } from './errors/switchyard-invalid-request-error.ts';
import { SwitchyardModelNotFoundError } from './errors/switchyard-model-not-found-error.ts';
import { SwitchyardNotFoundError } from './errors/switchyard-not-found-error.ts';
import { SwitchyardRateLimitError } from './errors/switchyard-rate-limit-error.ts';
import { SwitchyardUpstreamError } from './errors/switchyard-upstream-error.ts';

const errorDetailSchema = z.object({
  message: z.string(),
  type: z.string().nullish(),
  param: z.unknown().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

/** The router's one error envelope, `{"error":{"message","type","param","code"}}`. */
export const switchyardErrorEnvelopeSchema = z.object({ error: errorDetailSchema });

type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** Reads a non-2xx reply; `mapSwitchyardError` then picks the typed error. */
export const switchyardFailedResponseHandler: ReturnType<typeof createJsonErrorResponseHandler> =
  createJsonErrorResponseHandler({
    errorSchema: switchyardErrorEnvelopeSchema,
    errorToMessage: (envelope) => envelope.error.message,
  });

type ErrorKind =
  | 'authentication'
  | 'invalid-request'
  | 'rate-limit'
  | 'model-not-found'
  | 'not-found'
  | 'upstream'
  | 'other';

/** Envelope types that say exactly what went wrong, whatever the status. */
const specificTypes: Record<string, ErrorKind> = {
  authentication_error: 'authentication',
  invalid_request_error: 'invalid-request',
  rate_limit_exceeded: 'rate-limit',
  rate_limit_error: 'rate-limit',
  model_not_found: 'model-not-found',
  not_found: 'not-found',
  not_found_error: 'not-found',
};

/** Types that only say "the server side failed"; the status, when known, decides. */
const serverTypes = new Set(['internal_server_error', 'upstream_error', 'api_error']);

export interface ErrorContext {
  /** The model the call asked for: a `model_not_found` envelope without `param.modelId` names it. */
  modelId?: string;
}

/**
 * Turns what `postJsonToApi` / `getFromApi` threw into a typed Switchyard error. Aborts and errors
 * that are not about the HTTP exchange (invalid arguments, missing settings) pass unchanged.
 */
export function mapSwitchyardError(error: unknown, context: ErrorContext = {}): unknown {
  if (isAbortError(error) || SwitchyardError.isInstance(error) || !APICallError.isInstance(error)) {
    return error;
  }
  const base = {
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    data: error.data,
    cause: error,
  };
  if (error.statusCode === undefined) {
    // fetch itself failed: the router is down, unreachable, or the connection broke.
    return new SwitchyardError({
      ...base,
      message: error.message,
      type: 'connection_error',
      isRetryable: true,
    });
  }
  if (error.statusCode < 400) return error; // a 2xx body we could not read: not an error reply
  const detail = readEnvelope(error.data) ?? readEnvelope(parseJson(error.responseBody));
  return createSwitchyardError({
    ...base,
    detail,
    statusCode: error.statusCode,
    fallbackMessage: `Switchyard request failed with HTTP ${error.statusCode}${error.message ? ` ${error.message}` : ''}`,
    modelId: context.modelId,
  });
}

/**
 * Builds the error for an `error` part inside a stream. Returns the part's payload unchanged when
 * it is not the router's envelope (or its inner `{message, type}`).
 */
export function mapStreamErrorPart(
  payload: unknown,
  exchange: Pick<SwitchyardErrorOptions, 'url' | 'requestBodyValues' | 'responseHeaders'>,
  context: ErrorContext = {},
): unknown {
  const detail = readEnvelope(payload) ?? readDetail(payload);
  if (detail === undefined) return payload;
  return createSwitchyardError({
    ...exchange,
    detail,
    data: payload,
    fallbackMessage: detail.message,
    modelId: context.modelId,
  });
}

interface CreateOptions extends Omit<SwitchyardErrorOptions, 'message' | 'type'> {
  detail: ErrorDetail | undefined;
  fallbackMessage: string;
  modelId: string | undefined;
}

function createSwitchyardError({ detail, fallbackMessage, modelId, ...rest }: CreateOptions) {
  const kind = classify(detail, rest.statusCode);
  const options: SwitchyardErrorOptions = {
    ...rest,
    message: detail?.message ?? fallbackMessage,
    type: detail?.type ?? defaultTypes[kind],
    code: detail?.code == null ? null : String(detail.code),
    param: detail?.param ?? null,
    // Without a status (a stream that failed midway) only server-side failures may pass on retry.
    isRetryable:
      rest.statusCode === undefined ? kind === 'upstream' || kind === 'rate-limit' : undefined,
  };
  switch (kind) {
    case 'authentication':
      return new SwitchyardAuthenticationError(options);
    case 'invalid-request':
      return new SwitchyardInvalidRequestError(options);
    case 'rate-limit':
      return new SwitchyardRateLimitError(options);
    case 'model-not-found':
      return new SwitchyardModelNotFoundError({
        ...options,
        modelId: modelIdFromParam(detail?.param) ?? modelId,
      });
    case 'not-found':
      return new SwitchyardNotFoundError(options);
    case 'upstream':
      return new SwitchyardUpstreamError(options);
    case 'other':
      return new SwitchyardError(options);
  }
}

const defaultTypes: Record<ErrorKind, string> = {
  authentication: 'authentication_error',
  'invalid-request': 'invalid_request_error',
  'rate-limit': 'rate_limit_exceeded',
  'model-not-found': 'model_not_found',
  'not-found': 'not_found',
  upstream: 'internal_server_error',
  other: 'unknown_error',
};

function classify(detail: ErrorDetail | undefined, statusCode: number | undefined): ErrorKind {
  const type = detail?.type ?? undefined;
  if (type === 'model_not_found' || detail?.code === 'model_not_found') return 'model-not-found';
  // Any other 404 is a path the router does not serve (a wrong baseURL), whatever its type says.
  if (statusCode === 404) return 'not-found';
  // The /v1/ai routes send a wrong key as an invalid_request_error (see the router's
  // ai-gateway-error.ts): the status says what it is.
  if (statusCode === 401) return 'authentication';
  if (type !== undefined && Object.hasOwn(specificTypes, type)) {
    return specificTypes[type] ?? 'other';
  }
  if (statusCode === undefined) {
    return type !== undefined && serverTypes.has(type) ? 'upstream' : 'other';
  }
  if (statusCode === 429) return 'rate-limit';
  if (statusCode >= 500) return 'upstream';
  // 403 (policy), 408, 409 and 424 are not malformed requests; keep them on the base class.
  if (statusCode >= 400 && ![403, 408, 409, 424].includes(statusCode)) return 'invalid-request';
  return 'other';
}

function readEnvelope(value: unknown): ErrorDetail | undefined {
  const result = switchyardErrorEnvelopeSchema.safeParse(value);
  return result.success ? result.data.error : undefined;
}

function readDetail(value: unknown): ErrorDetail | undefined {
  const result = errorDetailSchema.safeParse(value);
  return result.success && result.data.type != null ? result.data : undefined;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return secureJsonParse(text);
  } catch {
    return undefined;
  }
}

function modelIdFromParam(param: unknown): string | undefined {
  if (typeof param !== 'object' || param === null || !('modelId' in param)) return undefined;
  return typeof param.modelId === 'string' ? param.modelId : undefined;
}
