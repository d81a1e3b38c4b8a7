import { createApp } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

export const testAdminKey = 'sk-test-admin';
export const testMetricsToken = 'metrics-token-for-tests';

/**
 * The router in process with a clock the test moves, an execution context that collects the
 * background work (records are written there), and a helper that calls it with a key.
 * @example const { call, settled } = observabilityTestApp(); await call('POST', ...); await settled();
 */
export function observabilityTestApp(config: unknown = defaultConfig) {
  let clock = Date.UTC(2026, 11, 6, 12);
  const pending: Promise<unknown>[] = [];
  const store = createMemoryStore({ now: () => clock, maxEntries: 100_000 });
  const app = createApp({
    config: parseConfig(config),
    store,
    adminKey: testAdminKey,
    env: { SWITCHYARD_METRICS_TOKEN: testMetricsToken },
    now: () => clock,
    hasExecutionContext: true,
  });
  const executionContext = {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    passThroughOnException: () => {},
    props: {},
  };
  async function call(method: string, path: string, init: { key?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? testAdminKey}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const response = await app.request(path, { method, headers, body }, {}, executionContext);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parse(text) };
  }
  /** Waits for every write the requests so far started after their responses. */
  async function settled() {
    while (pending.length > 0) await Promise.all(pending.splice(0));
  }
  return { app, call, settled, advance: (ms: number) => (clock += ms), now: () => clock };
}

const defaultConfig = {
  providers: {
    mock: {
      type: 'mock',
      models: { echo: {}, other: {}, down: { errorStatus: 503 }, cut: { cutAfterChunks: 2 } },
    },
  },
  models: {
    chat: { targets: ['mock/down', 'mock/echo'] },
    'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
  },
  catalog: {
    'mock/echo': { pricing: { input: 1, output: 2 } },
    'mock/other': { pricing: { input: 3, output: 6 } },
  },
  server: { requestLog: false },
  routing: { circuitBreaker: { minRequests: 1_000 } },
};

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The value at a dotted path of a JSON answer.
 * @example field<string>(answer.json, 'data.id')
 */
export function field<Value>(json: unknown, path: string): Value {
  let value: unknown = json;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value as Value;
}
