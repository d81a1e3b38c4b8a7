import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type MockUpstream,
  type RedisServer,
  type RouterRuntime,
  type RunningRouter,
  startMockUpstream,
  startRedisServer,
  startRouter,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit';

export const adminKey = 'sk-test-admin';
const alertSecret = 'whsec-e2e-governance';

/** US dollars per million tokens of the priced models; the fixed model bills output only. */
export const prices = { input: 10, output: 30 };
export const fixedPrices = { input: 0, output: 100 };
/** The fixed model's reply: 40 characters, so 10 output tokens at four characters a token. */
export const fixedReply = 'ten tokens of reply for a fixed price!!!';
export const fixedReplyTokens = 10;
/** A reply of 200 words that streams one word every `longChunkDelayMs`: ten seconds in all. */
export const longReply = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');
const longChunkDelayMs = 50;

/** The upstream model behind the gate, as clients ask for it. */
export const gatedModel = 'gated/gpt-4o-mini';

/**
 * The router configuration of these tests: in-router mock models and one OpenAI-format provider
 * behind a gate the tests can hold, catalog prices that make every answer cost something known,
 * an alias mixing both, and budget alerts to a local receiver.
 */
export function governanceConfig(options: {
  gateUrl: string;
  alertUrl: string;
  governance?: Record<string, unknown>;
  keys?: { key: string; tenant: string }[];
}) {
  return {
    providers: {
      mock: {
        type: 'mock',
        models: {
          echo: {},
          other: {},
          down: { errorStatus: 503 },
          fixed: { reply: fixedReply },
          capped: {},
          long: { reply: longReply, chunkDelayMs: longChunkDelayMs },
        },
      },
      gated: { type: 'openai', api: 'chat', baseURL: `${options.gateUrl}/v1`, apiKey: 'test-key' },
    },
    models: { mixed: { targets: [gatedModel, 'mock/echo'] } },
    catalog: {
      'mock/echo': { pricing: prices },
      'mock/long': { pricing: prices },
      'mock/fixed': { pricing: fixedPrices },
      [gatedModel]: { pricing: prices },
    },
    governance: {
      alerts: { url: options.alertUrl, secret: 'env:GOVERNANCE_ALERT_SECRET' },
      // Every key together may call this model twice a minute.
      models: { 'mock/capped': { rpm: 2 } },
      ...options.governance,
    },
    keys: options.keys ?? [],
    server: { requestLog: false },
    // Generous: a loaded CI machine must not turn a slow store answer into a 503.
    store: { timeBudgetMs: 5_000 },
    // The down model fails on purpose; its circuit must not change other tests' routes.
    routing: { circuitBreaker: { minRequests: 1_000 } },
  };
}

/** Nanodollars per token at a price in dollars per million tokens. */
const nanosPerToken = (dollarsPerMillion: number) => dollarsPerMillion * 1_000;

/**
 * The router's reservation for a one-message chat request, by its documented rule: the prompt's
 * UTF-8 bytes plus 4 tokens of framing as the input bound, `max_tokens` as the output.
 */
export function reservationNanos(text: string, maxTokens: number, price = prices): number {
  const inputTokens = 4 + new TextEncoder().encode(text).length;
  return inputTokens * nanosPerToken(price.input) + maxTokens * nanosPerToken(price.output);
}

/** The largest `max_tokens` a budget affords for a one-message prompt at `prices`. */
export function affordableMaxTokens(text: string, budgetNanos: number): number {
  const inputNanos = reservationNanos(text, 0);
  return Math.floor((budgetNanos - inputNanos) / nanosPerToken(prices.output));
}

export const dollars = (nanos: number) => nanos / 1e9;

/**
 * An OpenAI-format upstream that the test can hold: while held, requests wait at the gate (and
 * are counted there) until released, then go on to the testkit's mock upstream.
 */
export interface GatedUpstream {
  url: string;
  /** Bodies of every request that reached the gate, oldest first. */
  readonly requests: Record<string, unknown>[];
  /** Requests waiting at the gate. */
  readonly held: number;
  hold(): void;
  /** Lets the held requests through, and every later one. */
  release(): void;
  close(): Promise<void>;
}

export async function startGatedUpstream(): Promise<GatedUpstream> {
  const upstream: MockUpstream = await startMockUpstream();
  const requests: Record<string, unknown>[] = [];
  let gate: Promise<void> | undefined;
  let open = () => {};
  let held = 0;

  async function forward(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    requests.push(parseObject(body));
    if (gate !== undefined) {
      held += 1;
      await gate;
      held -= 1;
    }
    const abort = new AbortController();
    response.on('close', () => abort.abort());
    const answer = await fetch(`${upstream.url}${request.url ?? '/'}`, {
      method: request.method ?? 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body,
      signal: abort.signal,
    });
    response.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    if (answer.body !== null) for await (const chunk of answer.body) response.write(chunk);
    response.end();
  }

  const server = createServer((request, response) => {
    forward(request, response).catch(() => response.destroy());
  });
  const release = () => {
    gate = undefined;
    open();
  };
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get held() {
      return held;
    },
    hold() {
      gate ??= new Promise((resolve) => {
        open = resolve;
      });
    },
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}

/** A budget alert as the receiver got it, with its signature checked by node:crypto. */
export interface ReceivedAlert {
  alert: { type?: string; scope?: string; percent?: number; spend?: number; limit?: number };
  validSignature: boolean;
}

export interface AlertReceiver {
  url: string;
  readonly received: ReceivedAlert[];
  close(): Promise<void>;
}

/** A webhook receiver that verifies `x-switchyard-signature` as an operator's receiver would. */
export async function startAlertReceiver(): Promise<AlertReceiver> {
  const received: ReceivedAlert[] = [];
  const server = createServer((request, response) => {
    readBody(request).then((body) => {
      const signature = String(request.headers['x-switchyard-signature'] ?? '');
      received.push({ alert: parseObject(body), validSignature: verify(body, signature) });
      response.writeHead(204).end();
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function verify(body: string, header: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match === null) return false;
  const expected = createHmac('sha256', alertSecret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2] ?? '', 'hex'));
}

export type StoreKind = 'upstash' | 'redis' | 'memory';

/** Two routers sharing one store (the same router twice for the in-process store). */
export interface GovernanceFleet {
  routers: [RunningRouter, RunningRouter];
  gate: GatedUpstream;
  alerts: AlertReceiver;
  /** Stops the redis-server under the store, and starts it again (empty) on the same port. */
  outage?: { stop(): Promise<void>; restart(): Promise<void> };
  close(): Promise<void>;
}

export async function startFleet(
  runtime: RouterRuntime,
  storeKind: StoreKind,
): Promise<GovernanceFleet> {
  const gate = await startGatedUpstream();
  const alerts = await startAlertReceiver();
  let redisServer: RedisServer | undefined;
  let bridge: UpstashBridge | undefined;
  const vars: Record<string, string> = {
    SWITCHYARD_KEY_SECRET: 'e2e governance key secret',
    GOVERNANCE_ALERT_SECRET: alertSecret,
  };
  if (storeKind !== 'memory') {
    redisServer = await startRedisServer();
    if (storeKind === 'redis') vars.REDIS_URL = redisServer.url;
    else {
      bridge = await startUpstashBridge({ redisUrl: redisServer.url });
      vars.UPSTASH_REDIS_REST_URL = bridge.url;
      vars.UPSTASH_REDIS_REST_TOKEN = bridge.token;
    }
  }
  const config = governanceConfig({ gateUrl: gate.url, alertUrl: alerts.url });
  const start = () => startRouter(runtime, { config, adminKey, vars });
  const first = await start();
  const second = storeKind === 'memory' ? first : await start();
  const fleet: GovernanceFleet = {
    routers: [first, second],
    gate,
    alerts,
    async close() {
      await Promise.all([...new Set([first, second])].map((router) => router.close()));
      await bridge?.close();
      await redisServer?.stop();
      await alerts.close();
      await gate.close();
    },
  };
  if (redisServer !== undefined) {
    const { port } = redisServer;
    fleet.outage = {
      stop: async () => {
        await redisServer?.stop();
      },
      restart: async () => {
        redisServer = await startRedisServer({ port });
      },
    };
  }
  return fleet;
}

/** A loopback port nothing listens on. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A Node router whose `REDIS_URL` points at `redisUrl` (a dead port in these tests), with a key
 * from the config (`configKey`, tenant `app`) and a gateway-wide rpm, so every request has a
 * limit to enforce without any stored key.
 */
export function startConfigKeyRouter(options: {
  redisUrl: string;
  gateUrl: string;
  onStoreUnavailable: 'closed' | 'open';
}): Promise<RunningRouter> {
  const config = governanceConfig({
    gateUrl: options.gateUrl,
    alertUrl: 'http://127.0.0.1:9/unused',
    governance: { defaults: { rpm: 1_000 }, onStoreUnavailable: options.onStoreUnavailable },
    keys: [{ key: 'env:APP_KEY', tenant: 'app' }],
  });
  return startRouter('node', {
    config,
    adminKey,
    vars: {
      REDIS_URL: options.redisUrl,
      APP_KEY: configKey,
      GOVERNANCE_ALERT_SECRET: alertSecret,
    },
  });
}

export const configKey = 'sk-config-app-key';

/** A router answer with its JSON body read (undefined when the body is not JSON). */
export interface Answer {
  status: number;
  headers: Headers;
  // Shapes vary by route; tests read fields through `field`.
  json: unknown;
}

/** The value at a dotted path of a JSON answer. */
export function field<Value>(json: unknown, path: string): Value {
  let value = json;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value as Value;
}

export async function call(
  router: RunningRouter,
  method: string,
  path: string,
  options: { key?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.key ?? adminKey}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${router.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
