import type { Dispatcher } from 'undici';
import { requestHeaders } from './upstream-request-headers.ts';
import { webStreamReadable } from './web-stream-readable.ts';

/** What the upstream client sends: a web `fetch` call translated for `undici`'s `dispatch`. */
export interface UpstreamRequest {
  url: URL;
  options: Dispatcher.DispatchOptions;
}

/** Methods taken as given; `fetch` would upper-case others or refuse them, so those fall back. */
const plainMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** Ports `fetch` refuses to connect to (its "bad port" list, or a superset of it). */
const blockedPorts = new Set(
  (
    '1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 ' +
    '111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 ' +
    '532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 ' +
    '5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080'
  ).split(' '),
);

/**
 * Translates a `fetch` call when it is one the upstream client reproduces exactly: an http(s) URL
 * (string or `URL`), a plain method, headers as `Headers`, pairs or a record, and a body that is a
 * string, bytes or a `ReadableStream` (with `duplex: 'half'`). Anything else (a `Request`,
 * `FormData`, `redirect: 'manual'`, `keepalive`, ...) gives `undefined`: use the global `fetch`.
 * @example upstreamRequest('https://api.openai.com/v1/chat/completions', { method: 'POST', body });
 */
export function upstreamRequest(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): UpstreamRequest | undefined {
  const url = typeof input === 'string' ? URL.parse(input) : input instanceof URL ? input : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  if (url.username !== '' || url.password !== '' || blockedPorts.has(url.port)) return undefined;
  if (init !== undefined && !isPlainInit(init)) return undefined;
  const method = init?.method ?? 'GET';
  if (!plainMethods.has(method)) return undefined;
  const body = requestBody(init);
  if (body === undefined || (body !== null && (method === 'GET' || method === 'HEAD'))) {
    return undefined;
  }
  const headers = requestHeaders(init?.headers, typeof body === 'string');
  if (headers === undefined) return undefined;
  const path = url.search === '' ? url.pathname : url.pathname + url.search;
  return { url, options: { origin: url.origin, path, method, headers, body } };
}

/** Only these `RequestInit` members, with their default meaning, are understood. */
function isPlainInit(init: RequestInit): boolean {
  for (const key in init) {
    const value: unknown = init[key as keyof RequestInit];
    if (value === undefined) continue;
    switch (key) {
      case 'method':
      case 'headers':
      case 'body':
        break;
      case 'signal':
        if (value !== null && !(value instanceof AbortSignal)) return false;
        break;
      case 'duplex':
        if (value !== 'half') return false;
        break;
      case 'redirect':
        if (value !== 'follow') return false;
        break;
      case 'keepalive':
        if (value !== false) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

type DispatchBody = Dispatcher.DispatchOptions['body'];

/** The body as undici takes it; `undefined` for a kind only the global `fetch` handles. */
function requestBody(init: RequestInit | undefined): DispatchBody | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // `fetch` copies an ArrayBuffer when called; a later write by the caller must not show.
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (body instanceof ReadableStream) {
    const duplex = (init as { duplex?: unknown }).duplex;
    return duplex === 'half' && !body.locked ? webStreamReadable(body) : undefined;
  }
  return undefined;
}
