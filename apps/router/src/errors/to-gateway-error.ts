import {
  APICallError,
  InvalidArgumentError,
  InvalidPromptError,
  TooManyEmbeddingValuesForCallError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { GatewayError } from './gateway-error.ts';
import { ProviderRefusedRequestError } from './provider-refused-request-error.ts';
import { redactSecrets } from './redact-secrets.ts';
import { UpstreamError } from './upstream-error.ts';

const maxRetryAfterMs = 60_000;

/** How providers word "the prompt is longer than this model's window". */
const contextLengthPattern =
  /context[_ ]length|context window|maximum context|prompt is too long|too many (input )?tokens|input is too long/i;

/**
 * Classifies anything a provider call threw. Upstream bodies are never echoed; for requests
 * the provider rejected as invalid, its own short message is kept because it tells the caller
 * what to fix, with anything that looks like a key or secret redacted.
 */
export function toGatewayError(error: unknown, providerId: string): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  if (isLocalRefusal(error)) {
    return new ProviderRefusedRequestError(
      providerId,
      redactSecrets((error as Error).message),
      error,
    );
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    // A 2xx whose body could not be read (malformed JSON, wrong shape) is a broken answer.
    if (status !== undefined && status < 300) return unreadable(providerId, error);
    if (status === undefined) {
      return new UpstreamError({
        provider: providerId,
        message: `Could not reach provider '${providerId}'.`,
        isRetryable: true,
        cause: error,
      });
    }
    const rejected = status === 400 || status === 404 || status === 413 || status === 422;
    const providerAuth = status === 401 || status === 403;
    return new UpstreamError({
      provider: providerId,
      upstreamStatus: status,
      statusCode: providerAuth ? 502 : undefined,
      code: providerAuth
        ? 'upstream_authentication_failed'
        : rejected && contextLengthPattern.test(`${error.message} ${error.responseBody ?? ''}`)
          ? 'context_length_exceeded'
          : undefined,
      message: rejected
        ? `Provider '${providerId}' rejected the request (${status}): ${truncate(redactSecrets(error.message))}`
        : providerAuth
          ? `Provider '${providerId}' refused the gateway's credentials (${status}).`
          : `Provider '${providerId}' failed with status ${status}.`,
      isRetryable: error.isRetryable || status >= 500 || providerAuth,
      retryAfterMs: parseRetryAfter(error.responseHeaders?.['retry-after']),
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new UpstreamError({
      provider: providerId,
      message: `Could not reach provider '${providerId}'.`,
      isRetryable: true,
      cause: error,
    });
  }
  return unreadable(providerId, error);
}

/** Errors a provider package throws before any HTTP call: about the request, not the provider. */
function isLocalRefusal(error: unknown): boolean {
  return (
    UnsupportedFunctionalityError.isInstance(error) ||
    InvalidPromptError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    TooManyEmbeddingValuesForCallError.isInstance(error)
  );
}

/** Node's fetch throws TypeError('fetch failed'); workerd an Error marked `retryable`. */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    (error.name === 'TypeError' && error.message === 'fetch failed') ||
    (error as { retryable?: unknown }).retryable === true ||
    /network|connect|socket|ECONNRE|EPIPE/i.test(error.message)
  );
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** `Retry-After` in seconds or as an HTTP date, capped. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, maxRetryAfterMs) : undefined;
}

function unreadable(providerId: string, cause: unknown): UpstreamError {
  return new UpstreamError({
    provider: providerId,
    message: `Provider '${providerId}' sent a response the gateway could not read.`,
    code: 'upstream_invalid_response',
    isRetryable: true,
    cause,
  });
}
