import { InvalidRequestError } from './invalid-request-error.ts';

/**
 * The provider package refused the request before any HTTP call (a part or feature it does not
 * support, a prompt it cannot express). Not the provider's fault and not retryable there; another
 * target may serve it.
 */
export class ProviderRefusedRequestError extends InvalidRequestError {
  constructor(providerId: string, detail: string, cause?: unknown) {
    super({
      message: `Provider '${providerId}' cannot serve this request: ${truncate(detail)}`,
      code: 'unsupported_by_provider',
    });
    this.name = 'ProviderRefusedRequestError';
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause });
  }
}

/** The caller's own provider key (`x-switchyard-provider-keys`) was refused upstream. */
export class ProviderKeyRejectedError extends InvalidRequestError {
  /** What the provider answered, for the attempt log. */
  readonly upstreamStatus: number;

  constructor(providerId: string, status: number) {
    super({
      message: `Provider '${providerId}' refused the key given in x-switchyard-provider-keys (${status}).`,
      param: 'x-switchyard-provider-keys',
      code: 'provider_key_rejected',
    });
    this.name = 'ProviderKeyRejectedError';
    this.upstreamStatus = status;
  }
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
