const marker = 'switchyard.error';
const symbol = Symbol.for(marker);

/** OpenAI-compatible error `type` names used in the wire envelope. */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_budget'
  | 'api_error'
  | 'upstream_error'
  | 'timeout_error';

export interface GatewayErrorOptions {
  message: string;
  statusCode: number;
  type: GatewayErrorType;
  code?: string | null;
  param?: string | null;
  isRetryable?: boolean;
  cause?: unknown;
}

/**
 * Base class of every error the router reports. Carries what the wire envelope needs and
 * whether another attempt (same or next target) may succeed.
 */
export class GatewayError extends Error {
  readonly [symbol] = true;
  readonly statusCode: number;
  readonly type: GatewayErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly isRetryable: boolean;

  constructor(options: GatewayErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'GatewayError';
    this.statusCode = options.statusCode;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.isRetryable = options.isRetryable ?? false;
  }

  static isInstance(error: unknown): error is GatewayError {
    return typeof error === 'object' && error !== null && symbol in error;
  }

  toJSON(): ErrorEnvelope {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

export interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}
