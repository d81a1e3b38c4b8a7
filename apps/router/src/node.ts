import { readFileSync } from 'node:fs';
import { Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { ConfigError, demoConfig, parseConfig, type RouterConfig } from './config/index.ts';
import type { ErrorEnvelope } from './errors/index.ts';
import { createNodeStore } from './store/node-store.ts';

export interface NodeServerOptions {
  config: RouterConfig;
  port?: number;
  hostname?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

type AppFetch = ReturnType<typeof createApp>['fetch'];

export interface NodeServer {
  url: string;
  /** Which store holds the state (never its password), for the start-up log line. */
  store: string;
  /** Stops accepting connections, waits for open ones, then closes the store's connection. */
  close: () => Promise<void>;
}

/**
 * Starts the router on Node; resolves once it listens. The store comes from `env`: plain Redis
 * with `REDIS_URL`, Upstash with its two variables, the in-process store otherwise.
 */
export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const env = options.env ?? process.env;
  const selected = createNodeStore(env);
  const app = createApp({
    config: options.config,
    store: selected.store,
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    env,
    clientAddress: (c) =>
      options.config.server.trustForwardedFor
        ? c.req.header('x-forwarded-for')?.split(',')[0]
        : getConnInfo(c).remote.address,
  });
  return new Promise((resolve) => {
    const hostname = options.hostname ?? '127.0.0.1';
    const server = serve(
      { fetch: withoutConnectionHeader(app.fetch), port: options.port ?? 8787, hostname },
      (info) =>
        resolve({
          url: `http://${hostname}:${info.port}`,
          store: selected.description,
          close: () => new Promise<void>((done) => server.close(() => done())).then(selected.close),
        }),
    );
    if (server instanceof Server) hardenHttpServer(server);
  });
}

/** Node's server owns `Connection`: a route's `keep-alive` would override a client's `close`. */
function withoutConnectionHeader(fetch: AppFetch): AppFetch {
  return async function fetchWithoutConnectionHeader(request, env, context) {
    const response = await fetch(request, env, context);
    if (!response.headers.has('connection')) return response;
    const headers = new Headers(response.headers);
    headers.delete('connection');
    const { status, statusText } = response;
    return new Response(response.body, { status, statusText, headers });
  };
}

/**
 * Answers what Node's HTTP parser rejects in the error envelope (its default is an empty body),
 * and answers a client that half-closes its socket after a complete request instead of
 * closing on it (the response still goes out, then the connection closes).
 */
function hardenHttpServer(server: Server): void {
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

function loadConfig(file: string | undefined): RouterConfig {
  if (file !== undefined) return parseConfig(readFileSync(file, 'utf8'), file);
  const inline = process.env.SWITCHYARD_CONFIG;
  return inline ? parseConfig(inline) : parseConfig(demoConfig, 'the demo config');
}

async function main() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  let config: RouterConfig;
  try {
    config = loadConfig(values.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const server = await startNodeServer({
    config,
    port: Number(values.port),
    hostname: values.host,
  });
  console.log(`Switchyard listening on ${server.url} (state in ${server.store})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}

if (import.meta.main) await main();
