import { APICallError } from '@ai-sdk/provider';

const marker = 'switchyard.ai-sdk-provider.error';
const symbol = Symbol.for(marker);

/** The response header that carries the router's id for a request. */
export const requestIdHeader = 'x-switchyard-request-id';

export interface SwitchyardErrorOptions {
  message: string;
  /** The envelope's `type`, e.g. `invalid_request_error`. */
  type: string;
  code?: string | null;
  param?: unknown;
  /** HTTP status; absent when the router could not be reached or failed mid-stream. */
  statusCode?: number;
  url: string;
  requestBodyValues: unknown;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  data?: unknown;
  cause?: unknown;
  /** Defaults to true for 408, 409, 429 and 5xx. */
  isRetryable?: boolean;
}

/**
 * Base class of every error the Switchyard router reports, built from its wire envelope
 * `{"error":{"message","type","param","code"}}`. It is an `APICallError`, so the AI SDK's own
 * retry (`maxRetries`) treats it like any provider's error and honours `Retry-After`.
 * @example
 * try {
 *   await generateText({ model: gateway('openai/gpt-4o'), prompt: 'Hi' });
 * } catch (error) {
 *   if (SwitchyardError.isInstance(error)) console.log(error.type, error.requestId);
 * }
 */
export class SwitchyardError extends APICallError {
  readonly [symbol] = true;
  /** The envelope's `type`, e.g. `authentication_error` or `model_not_found`. */
  readonly type: string;
  readonly code: string | null;
  readonly param: unknown;
  /** The router's `x-switchyard-request-id`, to find the request in its log. */
  readonly requestId: string | undefined;

  constructor(options: SwitchyardErrorOptions) {
    super({
      ...options,
      isRetryable: options.isRetryable ?? isRetryableStatus(options.statusCode),
    });
    this.name = 'SwitchyardError';
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.requestId = options.responseHeaders?.[requestIdHeader];
  }

  static override isInstance(error: unknown): error is SwitchyardError {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}

/** 408, 409, 429 and 5xx may succeed on another try. */
export function isRetryableStatus(statusCode: number | undefined): boolean {
  if (statusCode === undefined) return false;
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}
