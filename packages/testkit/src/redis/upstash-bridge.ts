import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisExecutor, type RedisOutcome } from './redis-executor.ts';
import { toUpstashEntry, toUpstashResult } from './upstash-reply.ts';

/** How the bridge misbehaves, to test callers' fail-open paths. */
export type UpstashBridgeFailure =
  /** Answer normally. */
  | 'none'
  /** Answer every request with HTTP 500 `{"error": ...}`. */
  | 'error'
  /** Close every connection without an answer (the client sees a network error). */
  | 'drop';

export interface UpstashBridge {
  /** Base URL for `new Redis({ url, token })`, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  token: string;
  /** Delays every answer by `ms` (0 to stop), like a slow or distant Upstash. */
  setDelay(ms: number): void;
  setFailure(failure: UpstashBridgeFailure): void;
  /** Requests served so far (including rejected ones), per path: `/`, `/pipeline`, ... */
  readonly requests: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

export interface StartUpstashBridgeOptions {
  /** The Redis behind the bridge, e.g. `startRedisServer().url`. */
  redisUrl: string;
  /** Bearer token clients must send; random when omitted. */
  token?: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Serves the Upstash Redis REST protocol (as `@upstash/redis` speaks it) in front of a real Redis:
 * `POST /` with `["SET","k","v"]`, `POST /pipeline` and `POST /multi-exec` with arrays of
 * commands, path commands such as `GET /get/k`, `Authorization: Bearer <token>`, and the
 * `Upstash-Encoding: base64` reply encoding.
 *
 * @example
 * const redis = await startRedisServer();
 * const bridge = await startUpstashBridge({ redisUrl: redis.url });
 * const client = new Redis({ url: bridge.url, token: bridge.token }); // from '@upstash/redis'
 */
export async function startUpstashBridge(
  options: StartUpstashBridgeOptions,
): Promise<UpstashBridge> {
  const token = options.token ?? randomUUID();
  const executor = await createRedisExecutor(options.redisUrl);
  const requests = new Map<string, number>();
  let delayMs = 0;
  let failure: UpstashBridgeFailure = 'none';

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bridge');
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
    handle(request, response, url).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      reply(response, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const body = await readBody(request);
    const bearer =
      request.headers.authorization?.replace(/^Bearer /i, '') ?? url.searchParams.get('_token');
    if (bearer !== token) throw new HttpError(401, 'Unauthorized');
    if (delayMs > 0) await sleep(delayMs);
    if (failure === 'drop') {
      request.socket.destroy();
      return;
    }
    if (failure === 'error')
      throw new HttpError(500, 'Service Unavailable (injected by the bridge)');

    const base64 = String(request.headers['upstash-encoding']).toLowerCase() === 'base64';
    if (url.pathname === '/pipeline' || url.pathname === '/multi-exec') {
      const commands = parseCommands(body);
      const outcomes =
        url.pathname === '/pipeline'
          ? await executor.pipeline(commands)
          : await executor.transaction(commands).catch(asClientError);
      throwIfUnavailable(outcomes);
      reply(
        response,
        200,
        outcomes.map((outcome) => toUpstashEntry(outcome, base64)),
      );
      return;
    }
    const command = url.pathname === '/' ? parseCommand(body) : pathCommand(url.pathname, body);
    const result = await executor.run(command).catch(asClientError);
    reply(response, 200, { result: toUpstashResult(result, base64) });
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    );
  });

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    setDelay(ms) {
      delayMs = ms;
    },
    setFailure(next) {
      failure = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await executor.close();
    },
  };
}

/** Redis refused the command (400, as Upstash does); anything else means Redis is unreachable. */
function asClientError(error: unknown): never {
  if (error instanceof Error && error.name === 'ReplyError')
    throw new HttpError(400, error.message);
  throw new HttpError(
    503,
    `Redis is unavailable: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function throwIfUnavailable(outcomes: RedisOutcome[]): void {
  for (const outcome of outcomes) {
    if ('error' in outcome && outcome.error.name !== 'ReplyError') asClientError(outcome.error);
  }
}

function parseCommands(body: string): string[][] {
  const parsed = parseJson(body);
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new HttpError(400, 'ERR a pipeline must be a non-empty array of commands');
  }
  return parsed.map(toCommand);
}

function parseCommand(body: string): string[] {
  return toCommand(parseJson(body));
}

function toCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new HttpError(400, 'ERR a command must be a non-empty JSON array');
  }
  return value.map((part) =>
    typeof part === 'object' && part !== null ? JSON.stringify(part) : String(part),
  );
}

/** `/set/key/value` (a POST body, when present, is the last argument). */
function pathCommand(pathname: string, body: string): string[] {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  return body.length > 0 ? [...parts, body] : parts;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'ERR failed to parse the request body as JSON');
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}
