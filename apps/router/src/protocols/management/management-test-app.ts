import { createApp, type RouterDeps } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';

export interface CallOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
  text: string;
}

export const testAdminKey = 'sk-test-admin';

/**
 * The router over an in-process store (or `store`), with a clock the test moves, and a helper
 * that calls it with a key (the admin key by default) and reads the JSON answer.
 * @example const { call } = managementTestApp(); await call('POST', '/api/v1/keys', { body: { name: 'ci' } });
 */
export function managementTestApp(
  options: { store?: Store; config?: unknown; clientAddress?: RouterDeps['clientAddress'] } = {},
) {
  let clock = Date.UTC(2026, 11, 6, 12);
  const store = options.store ?? createMemoryStore({ now: () => clock });
  const config = parseConfig(
    options.config ?? {
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      server: { requestLog: false },
      governance: { defaults: { limit: 100, limit_reset: 'monthly', rpm: 600 } },
    },
  );
  const app = createApp({
    config,
    store,
    adminKey: testAdminKey,
    env: {},
    now: () => clock,
    clientAddress: options.clientAddress,
  });
  async function call(method: string, path: string, init: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${init.key ?? testAdminKey}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    };
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: parseJson(text), headers: response.headers, text };
  }
  return { app, call, store, advance: (ms: number) => (clock += ms), now: () => clock };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The value at a dotted path of a JSON answer, as the type the test expects.
 * @example const hash = at<string>(created.body, 'data.hash');
 */
export function at<Value>(json: unknown, path: string): Value {
  let value: unknown = json;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value as Value;
}
