/**
 * The errors Node's global `fetch` produces, rebuilt for the upstream client: provider-utils'
 * `handleFetchError` turns `TypeError('fetch failed')` with a cause into a retryable
 * `APICallError`, and walks the cause chain for codes such as `ECONNRESET` or `UND_ERR_SOCKET`.
 */

/**
 * What `fetch` rejects with when no response arrived (refused, reset, DNS, TLS, timeout).
 * @example reject(fetchFailed(socketError)); // TypeError: fetch failed { cause: socketError }
 */
export function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/**
 * What a `fetch` response body errors with when the exchange broke after the headers (a reset
 * connection, a body timeout, a body that does not decode).
 * @example body.error(bodyTerminated(socketError)); // TypeError: terminated { cause: socketError }
 */
export function bodyTerminated(cause: unknown): TypeError {
  return new TypeError('terminated', { cause });
}

/** undici's codes for a request it refused to build; `fetch` reports those in its own words. */
const refusedRequestCodes = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/**
 * True for undici refusing the request before sending anything (a header it will not send, a bad
 * value): the caller hands the same arguments to the global `fetch`, which answers as it would.
 */
export function isRefusedRequest(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && refusedRequestCodes.has(code);
}

/**
 * Makes a response's body methods (`text()`, `json()`, ...) reject as `fetch`'s do once its
 * request was aborted: with a new `AbortError`, whatever the signal's reason. (A reader of the
 * body gets the reason itself.)
 * @example if (response.body?.locked === false) failBodyMethodsAsAborted(response);
 */
export function failBodyMethodsAsAborted(response: Response): void {
  const aborted = () =>
    Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
  for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) {
    Object.defineProperty(response, name, { value: aborted, configurable: true, writable: true });
  }
}
