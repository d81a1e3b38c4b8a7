import type { FetchFunction } from '@ai-sdk/provider-utils';
import { Agent } from './undici-agent.ts';
import { UpstreamExchange } from './upstream-exchange.ts';
import { upstreamRequest } from './upstream-request.ts';

/** Connection pool settings; the defaults suit a gateway talking to a few provider origins. */
export interface UpstreamFetchOptions {
  /**
   * Idle keep-alive connections close after this long, unless the server's `Keep-Alive` header
   * says otherwise (default 4 s, as for the global fetch: a server that closes idle connections
   * sooner, with no header to say so, would otherwise see requests race its close).
   */
  keepAliveTimeoutMs?: number;
  /** Open connections per origin; further requests wait for one (default 512). */
  connectionsPerOrigin?: number;
}

/** A `fetch` for upstream calls, and `close()` to let its connections go. */
export type UpstreamFetch = FetchFunction & {
  /** Destroys the connection pool; calls still running fail. */
  close(): Promise<void>;
};

/**
 * A `fetch` for provider packages on Node, built on one keep-alive `undici` Agent: the same
 * requests, responses and errors as the global `fetch` (HTTP/1.1, redirects followed, gzip and
 * deflate asked for and decoded), for a fraction of its CPU per call. Calls it cannot reproduce
 * exactly (a `Request` object, `FormData`, `redirect: 'manual'`, ...) go to the global `fetch`.
 * Node only: the Worker keeps its native `fetch`.
 * @example
 * const upstreamFetch = createUpstreamFetch();
 * const openai = createOpenAI({ apiKey, fetch: upstreamFetch });
 * await upstreamFetch.close();
 */
export function createUpstreamFetch(options: UpstreamFetchOptions = {}): UpstreamFetch {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    connections: options.connectionsPerOrigin ?? 512,
    // Node's global fetch speaks HTTP/1.1 only; HTTP/2 would change status texts and errors.
    allowH2: false,
  });
  const upstreamFetch = function upstreamFetch(input: RequestInfo | URL, init?: RequestInit) {
    const request = upstreamRequest(input, init);
    if (request === undefined) return fetch(input, init);
    const signal = init?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const exchange = new UpstreamExchange(request.url, input, init);
    agent.dispatch(request.options, exchange);
    return exchange.response;
  };
  return Object.assign(upstreamFetch, { close: () => agent.destroy() });
}
