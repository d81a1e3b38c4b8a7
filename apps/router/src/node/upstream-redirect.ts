import { fetchFailed } from './upstream-fetch-errors.ts';

/** The statuses `fetch` follows (300 is not one of them). */
export const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Request-body header names `fetch` drops when a redirect turns the request into a GET. */
const bodyHeaderNames = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
];

/**
 * Takes the first redirect the way `fetch` does (WHATWG fetch, "HTTP-redirect fetch"): POST
 * becomes GET on 301/302, everything but HEAD on 303; credentials stay behind on another origin;
 * a streamed body cannot be sent again. The global `fetch` makes the next request and follows any
 * further redirects itself, so the response has the final `url` (but `redirected` is only true
 * when there was a second redirect).
 * @example return followRedirect(307, '/v2/chat', new URL(url), init);
 */
export function followRedirect(
  status: number,
  location: string,
  from: URL,
  init: RequestInit | undefined,
): Promise<Response> {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch (error) {
    return Promise.reject(fetchFailed(error));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(fetchFailed(new Error('URL scheme must be a HTTP(S) scheme')));
  }
  const method = init?.method ?? 'GET';
  let body = init?.body;
  if (status !== 303 && body instanceof ReadableStream) {
    return Promise.reject(fetchFailed(new Error()));
  }
  const headers = new Headers(init?.headers);
  const becomesGet =
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD');
  if (becomesGet) {
    body = null;
    for (const name of bodyHeaderNames) headers.delete(name);
  }
  if (target.origin !== from.origin) {
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'host']) {
      headers.delete(name);
    }
  }
  return fetch(target, { ...init, method: becomesGet ? 'GET' : method, headers, body });
}
