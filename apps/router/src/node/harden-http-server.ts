import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorEnvelope } from '../errors/index.ts';

/**
 * Answers what Node's HTTP parser rejects in the error envelope (its default is an empty body),
 * and answers a client that half-closes its socket after a complete request instead of
 * closing on it (the response still goes out, then the connection closes).
 * @example hardenHttpServer(serve({ fetch: app.fetch, port: 8787 }) as Server);
 */
export function hardenHttpServer(server: Server): void {
  // Read by Node's `socketOnEnd`; false, its default, ends the socket before the answer.
  Object.assign(server, { httpAllowHalfOpen: true });
  server.on('clientError', answerClientError);
}

const parserFailures: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are larger than the server accepts (16 KB).',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'request_too_large',
    message: 'The chunk extensions of the request body are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request did not arrive in time.',
  },
};

const malformed = {
  status: 400,
  code: 'malformed_request',
  message: 'The request is not valid HTTP.',
};

function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // Part of a response already went out on this socket: anything more would corrupt it.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const failure = parserFailures[error.code ?? ''] ?? malformed;
  const envelope: ErrorEnvelope = {
    error: {
      message: failure.message,
      type: 'invalid_request_error',
      param: null,
      code: failure.code,
    },
  };
  const body = JSON.stringify(envelope);
  const head = [
    `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status]}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
