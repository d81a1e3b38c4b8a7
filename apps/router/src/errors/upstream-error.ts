import { GatewayError } from './gateway-error.ts';
import { redactSecrets } from './redact-secrets.ts';

/**
 * A provider failed to serve an attempt. The upstream body is never echoed: only its status, the
 * provider id and, for a rejected request, the provider's short message reach the client, with
 * anything that looks like a key redacted (again here, whoever built the message).
 */
export class UpstreamError extends GatewayError {
  readonly provider: string;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    provider: string;
    message: string;
    upstreamStatus?: number;
    /** The status the client gets; derived from `upstreamStatus` when not given. */
    statusCode?: number;
    isRetryable: boolean;
    retryAfterMs?: number;
    code?: string;
    cause?: unknown;
  }) {
    const status = options.upstreamStatus;
    super({
      message: redactSecrets(options.message),
      statusCode:
        options.statusCode ??
        (status === 429 ? 429 : status !== undefined && status < 500 ? status : 502),
      type: status === 429 ? 'rate_limit_error' : 'upstream_error',
      code: options.code ?? (status === undefined ? 'upstream_unreachable' : `upstream_${status}`),
      isRetryable: options.isRetryable,
      cause: options.cause,
    });
    this.name = 'UpstreamError';
    this.provider = options.provider;
    this.upstreamStatus = status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
