import { APICallError } from '@ai-sdk/provider';
import type { MockModelConfig } from '../../config/schema.ts';
import { sleep as realSleep, type Sleep, waitForAbort } from '../../timing/abortable-delay.ts';

/** Where a mock error claims to come from: the configured provider and model. */
export interface MockOrigin {
  providerId: string;
  modelId: string;
}

/**
 * Whether request number `requestNumber` (1-based) fails at `rate`, spread evenly and
 * deterministically: rate 0.5 fails requests 2, 4, 6, ...; rate 1 fails all; rate 0 none.
 */
export function failsRequest(requestNumber: number, rate: number): boolean {
  // The epsilon keeps products like 0.29 * 100 = 28.999999999999996 on the intended side.
  const failuresUpTo = (n: number) => Math.floor(n * rate + 1e-9);
  return failuresUpTo(requestNumber) > failuresUpTo(requestNumber - 1);
}

/** Retryable like the AI SDK's HTTP providers decide it: timeouts, rate limits, server errors. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

const statusErrors: Record<number, { type: string; code: string; message: string }> = {
  400: { type: 'invalid_request_error', code: 'invalid_request', message: 'Invalid request' },
  401: { type: 'authentication_error', code: 'invalid_api_key', message: 'Invalid API key' },
  403: { type: 'permission_error', code: 'permission_denied', message: 'Permission denied' },
  404: { type: 'not_found_error', code: 'model_not_found', message: 'Model not found' },
  408: { type: 'timeout_error', code: 'request_timeout', message: 'Request timed out' },
  429: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
  500: { type: 'server_error', code: 'internal_error', message: 'Internal server error' },
  502: { type: 'server_error', code: 'bad_gateway', message: 'Bad gateway' },
  503: { type: 'server_error', code: 'overloaded', message: 'The server is overloaded' },
  504: { type: 'server_error', code: 'gateway_timeout', message: 'Gateway timeout' },
};

/** The failure configured by `errorStatus`, shaped like a real provider's HTTP error. */
export function injectedError(origin: MockOrigin, status: number): APICallError {
  const known = statusErrors[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: `http_${status}`,
    message: `Request failed with status ${status}`,
  };
  return apiCallError(origin, status, {
    ...known,
    message: `${known.message} (injected by mock model ${origin.modelId})`,
    param: null,
  });
}

/** The prompt is larger than the configured `contextWindow`. */
export function contextLengthError(
  origin: MockOrigin,
  promptTokens: number,
  contextWindow: number,
): APICallError {
  return apiCallError(origin, 400, {
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    param: 'messages',
    message: `This model's maximum context length is ${contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens.`,
  });
}

/** A stream that stops mid-way, as when the upstream connection drops. */
export function connectionDroppedError(origin: MockOrigin, chunks: number): APICallError {
  return new APICallError({
    message: `Connection to mock model ${origin.modelId} dropped after ${chunks} chunks`,
    url: mockUrl(origin),
    requestBodyValues: { model: origin.modelId },
    isRetryable: true,
  });
}

function apiCallError(
  origin: MockOrigin,
  status: number,
  error: { type: string; code: string; message: string; param: string | null },
): APICallError {
  const body = {
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 429) headers['retry-after'] = '1';
  return new APICallError({
    message: error.message,
    url: mockUrl(origin),
    requestBodyValues: { model: origin.modelId },
    statusCode: status,
    responseHeaders: headers,
    responseBody: JSON.stringify(body),
    isRetryable: isRetryableStatus(status),
    data: body,
  });
}

const mockUrl = (origin: MockOrigin): string =>
  `mock://${origin.providerId}/${encodeURIComponent(origin.modelId)}`;

/** What every mock model kind is built from. */
export interface MockModelOptions {
  providerId: string;
  modelId: string;
  /** The same settings as the mock language model; latency and injected faults apply. */
  settings: MockModelConfig;
  sleep?: Sleep;
  nextRequestNumber?: () => number;
}

/**
 * The behaviour every mock model kind shares before it answers: the configured latency, a hang
 * until the caller aborts, and the injected error on its deterministic share of requests.
 */
export function createMockGate(
  options: MockModelOptions,
): (abortSignal?: AbortSignal) => Promise<void> {
  const { providerId, modelId, settings } = options;
  const sleep = options.sleep ?? realSleep;
  let requests = 0;
  const nextRequestNumber = options.nextRequestNumber ?? (() => ++requests);
  return async (abortSignal) => {
    const requestNumber = nextRequestNumber();
    await sleep(settings.latencyMs, abortSignal);
    if (settings.hang) await waitForAbort(abortSignal);
    if (settings.errorStatus !== undefined && failsRequest(requestNumber, settings.errorRate)) {
      throw injectedError({ providerId, modelId }, settings.errorStatus);
    }
  };
}
