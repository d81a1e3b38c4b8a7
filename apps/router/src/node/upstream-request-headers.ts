/** Bits for the headers `fetch` treats specially, to add the missing ones in one pass. */
const accept = 1;
const acceptLanguage = 2;
const secFetchMode = 4;
const userAgent = 8;
const acceptEncoding = 16;
const contentType = 32;
const contentLength = 64;

/** Marks the headers `fetch` adds when absent, and `content-length`, which it handles itself. */
function defaultHeaderFlag(name: string): number {
  switch (name) {
    case 'accept':
      return accept;
    case 'accept-language':
      return acceptLanguage;
    case 'sec-fetch-mode':
      return secFetchMode;
    case 'user-agent':
      return userAgent;
    case 'accept-encoding':
      return acceptEncoding;
    case 'content-type':
      return contentType;
    case 'content-length':
      return contentLength;
    default:
      return 0;
  }
}

/**
 * A `fetch` call's headers as one flat `[name, value, ...]` list for undici, lower-cased and
 * trimmed as `Headers` does, plus the ones Node's `fetch` adds when absent (the same values, so
 * upstreams see no change).
 * `undefined` for a shape `fetch` would refuse: it then reports that itself.
 * @example requestHeaders({ Authorization: 'Bearer k' }, true); // ['authorization', 'Bearer k', ...]
 */
export function requestHeaders(
  init: HeadersInit | undefined,
  stringBody: boolean,
): string[] | undefined {
  const headers: string[] = [];
  let present = 0;
  if (init instanceof Headers) {
    for (const [name, value] of init) {
      headers.push(name, value);
      present |= defaultHeaderFlag(name);
    }
  } else if (Array.isArray(init)) {
    for (const pair of init) {
      if (!Array.isArray(pair) || pair.length !== 2) return undefined;
      present |= pushHeader(headers, pair[0], pair[1]);
    }
  } else if (typeof init === 'object' && init !== null) {
    for (const name of Object.keys(init)) present |= pushHeader(headers, name, init[name]);
  } else if (init !== undefined) {
    return undefined;
  }
  // `fetch` has its own rules for a length the caller set: leave such a request to it.
  if ((present & contentLength) !== 0) return undefined;
  if (stringBody && (present & contentType) === 0) {
    headers.push('content-type', 'text/plain;charset=UTF-8');
  }
  if ((present & accept) === 0) headers.push('accept', '*/*');
  if ((present & acceptLanguage) === 0) headers.push('accept-language', '*');
  if ((present & secFetchMode) === 0) headers.push('sec-fetch-mode', 'cors');
  if ((present & userAgent) === 0) headers.push('user-agent', 'node');
  // Node 22's `fetch` asks for these two and decodes them (and br) in the answer.
  if ((present & acceptEncoding) === 0) headers.push('accept-encoding', 'gzip, deflate');
  return headers;
}

function pushHeader(headers: string[], name: unknown, value: unknown): number {
  const lowerName = String(name).toLowerCase();
  headers.push(lowerName, trimHttpWhitespace(String(value)));
  return defaultHeaderFlag(lowerName);
}

/** `Headers` strips leading and trailing tabs, spaces, CR and LF from a value. */
function trimHttpWhitespace(value: string): string {
  if (
    !isHttpWhitespace(value.charCodeAt(0)) &&
    !isHttpWhitespace(value.charCodeAt(value.length - 1))
  ) {
    return value;
  }
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
