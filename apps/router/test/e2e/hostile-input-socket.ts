import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent, as text. */
  raw: string;
  /** Whether the server closed the connection before the wait ran out. */
  closed: boolean;
}

export interface RawExchangeOptions {
  /** Half-closes the socket (sends FIN) once the bytes are written. */
  halfClose?: boolean;
  /** How long to wait for the server to close the connection, in ms. */
  waitMs?: number;
}

/**
 * Writes raw bytes to the router and collects what comes back until the server closes the
 * connection or `waitMs` passes: for requests no HTTP client would send.
 */
export function rawExchange(
  url: string,
  request: string | Uint8Array,
  options: RawExchangeOptions = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1'), closed));
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 3_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', (error) => (chunks.length > 0 ? finish(true) : reject(error)));
    socket.once('connect', () => {
      if (options.halfClose) socket.end(request);
      else socket.write(request);
    });
  });
}

/** Opens a connection, sends the head of a request and part of its body, then cuts it. */
export function abandonMidBody(url: string, head: string, partialBody: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port) });
    socket.on('error', reject);
    socket.once('connect', () => {
      socket.write(head + partialBody, () => {
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
  });
}

/** The head of a POST with a JSON body, as a client writes it. */
export function postHead(path: string, contentLength: number, extra: string[] = []): string {
  return [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'authorization: Bearer sk-test-admin',
    'content-type: application/json',
    `content-length: ${contentLength}`,
    ...extra,
    '',
    '',
  ].join('\r\n');
}

function parseResponse(raw: string, closed: boolean): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const rest = split === -1 ? '' : raw.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest;
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8'), raw, closed };
}

function dechunk(text: string): string {
  let body = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) return body;
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 4 + size);
  }
}
