import {
  type RedisServer,
  type RouterRuntime,
  type RunningRouter,
  startRedisServer,
  startRouter,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit';
import { Redis } from '@upstash/redis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const adminKey = 'sk-test-admin';
const config = {
  providers: { mock: { type: 'mock', models: { echo: {} } } },
  server: { requestLog: false },
  store: { timeBudgetMs: 5_000 },
};
const chat = { model: 'mock/echo', messages: [{ role: 'user' as const, content: 'hello' }] };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // The shapes vary by route; tests read fields through `field`.
  json: unknown;
}

/** The value at a dotted path of a JSON answer. */
function field<Value>(json: unknown, path: string): Value {
  let value = json;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value as Value;
}

describe.each([
  ['node', 'redis'],
  ['node', 'memory'],
  ['workerd', 'redis'],
] as const)('the management API on %s over the %s store', (runtime: RouterRuntime, storeKind) => {
  let redisServer: RedisServer | undefined;
  let bridge: UpstashBridge | undefined;
  let router: RunningRouter;
  /** Every answer the router gave in this suite, to check where key texts appeared. */
  const answers: { request: string; text: string }[] = [];

  beforeAll(async () => {
    const vars: Record<string, string> = { SWITCHYARD_KEY_SECRET: 'e2e key secret' };
    if (storeKind === 'redis') {
      redisServer = await startRedisServer();
      bridge = await startUpstashBridge({ redisUrl: redisServer.url });
      vars.UPSTASH_REDIS_REST_URL = bridge.url;
      vars.UPSTASH_REDIS_REST_TOKEN = bridge.token;
    }
    router = await startRouter(runtime, { config, adminKey, vars });
  });

  afterAll(async () => {
    await router?.close();
    await bridge?.close();
    await redisServer?.stop();
  });

  async function call(
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
    answers.push({ request: `${method} ${path}`, text });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  async function createKey(body: Record<string, unknown>) {
    const created = await call('POST', '/api/v1/keys', { body });
    expect(created.status).toBe(201);
    return {
      key: field<string>(created.json, 'key'),
      hash: field<string>(created.json, 'data.hash'),
    };
  }

  const client = (apiKey: string) =>
    new OpenAI({ baseURL: `${router.url}/v1`, apiKey, maxRetries: 0 });

  it('creates a key shown once that authenticates; the list shows its label, never the key', async () => {
    const { key, hash } = await createKey({ name: 'e2e app', rpm: 100 });
    expect(key).toMatch(/^sk-sy-v1-[0-9A-Za-z]{44}$/);
    const completion = await client(key).chat.completions.create(chat);
    expect(completion.choices[0]?.message.content).toBe('Echo: hello');
    const listed = await call('GET', '/api/v1/keys');
    const entry = field<{ hash: string; label: string }[]>(listed.json, 'data').find(
      (item) => item.hash === hash,
    );
    expect(entry?.label).toBe(`sk-sy-v1-…${key.slice(-4)}`);
    expect(listed.text).not.toContain(key);
  });

  it('revokes with PATCH disabled: the very next fresh read is 401', async () => {
    const { key, hash } = await createKey({ name: 'to revoke' });
    expect((await call('GET', '/v1/models', { key })).status).toBe(200);
    const revoked = await call('PATCH', `/api/v1/keys/${hash}`, { body: { disabled: true } });
    expect(field(revoked.json, 'data.disabled')).toBe(true);
    const refused = await call('GET', '/v1/models', { key });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({
      error: { type: 'authentication_error', message: 'This API key has been disabled.' },
    });
    expect((await call('GET', '/api/v1/key', { key })).status).toBe(401);
  });

  it('rotates with a grace period: both keys work; rotating again with none stops the old', async () => {
    const first = await createKey({ name: 'rotating', tpm: 5_000 });
    const rotated = await call('POST', `/api/v1/keys/${first.hash}/rotate`, {
      body: { grace_seconds: 3_600 },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.json).toMatchObject({ data: { name: 'rotating', tpm: 5_000 } });
    const second = {
      key: field<string>(rotated.json, 'key'),
      hash: field<string>(rotated.json, 'data.hash'),
    };
    expect((await call('GET', '/v1/models', { key: first.key })).status).toBe(200);
    expect((await call('GET', '/v1/models', { key: second.key })).status).toBe(200);
    const old = await call('GET', `/api/v1/keys/${first.hash}`);
    const expiresAt = Date.parse(field<string>(old.json, 'data.expires_at'));
    expect(expiresAt - Date.now()).toBeGreaterThan(3_500_000);
    const again = await call('POST', `/api/v1/keys/${second.hash}/rotate`, {
      body: { grace_seconds: 0 },
    });
    expect(again.status).toBe(201);
    expect((await call('GET', '/v1/models', { key: second.key })).status).toBe(401);
    expect(
      (await call('GET', '/v1/models', { key: field<string>(again.json, 'key') })).status,
    ).toBe(200);
  });

  it('enforces roles: viewers read only, inference keys do not manage, management keys do not infer', async () => {
    const viewer = await createKey({ name: 'auditor', role: 'viewer' });
    const admin = await createKey({ name: 'ops', role: 'admin' });
    const inference = await createKey({ name: 'app' });
    expect((await call('GET', '/api/v1/keys', { key: viewer.key })).status).toBe(200);
    const viewerWrite = await call('POST', '/api/v1/keys', {
      key: viewer.key,
      body: { name: 'x' },
    });
    expect(viewerWrite.status).toBe(403);
    expect(viewerWrite.json).toMatchObject({ error: { type: 'permission_error' } });
    expect((await call('GET', '/api/v1/keys', { key: inference.key })).status).toBe(403);
    expect((await call('GET', '/api/v1/key', { key: inference.key })).status).toBe(200);
    expect((await call('GET', '/api/v1/credits', { key: inference.key })).status).toBe(200);
    expect(
      (await call('POST', '/api/v1/keys', { key: admin.key, body: { name: 'by ops' } })).status,
    ).toBe(201);
    const refused = await client(admin.key)
      .chat.completions.create(chat)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(
      (await call('POST', '/v1/chat/completions', { key: viewer.key, body: chat })).status,
    ).toBe(403);
  });

  it('writes audit entries with old and new values, paged newest first', async () => {
    const { hash } = await createKey({ name: 'audited', rpm: 10 });
    await call('PATCH', `/api/v1/keys/${hash}`, { body: { rpm: 20, name: 'audited again' } });
    const mine = await call('GET', `/api/v1/audit?resource=key:${hash}`);
    const entries = field<{ action: string; changes: Record<string, unknown> }[]>(
      mine.json,
      'data',
    );
    expect(entries.map((entry) => entry.action)).toEqual(['key.update', 'key.create']);
    expect(entries[0]?.changes).toEqual({
      name: { old: 'audited', new: 'audited again' },
      rpm: { old: 10, new: 20 },
    });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call(
        'GET',
        `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      ids.push(...field<{ id: string }[]>(page.json, 'data').map((entry) => entry.id));
      cursor = field<string | null>(page.json, 'next_cursor');
    } while (cursor !== null);
    expect(ids.length).toBeGreaterThan(5);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers 400, 404 and 405 in the error envelope', async () => {
    const invalid = await call('POST', '/api/v1/keys', { body: { name: 'x', limit: 'lots' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({
      error: { type: 'invalid_request_error', param: 'limit' },
    });
    const missing = await call('GET', '/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { type: 'not_found_error', code: 'not_found' } });
    const wrongMethod = await call('PUT', '/api/v1/keys');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect(wrongMethod.json).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('shows every key text in exactly one response, its creation, and stores none', async () => {
    const created = answers.filter((answer) =>
      /^POST \/api\/v1\/keys(\/[0-9a-f]+\/rotate)?$/.test(answer.request),
    );
    const keys = created.flatMap((answer) => answer.text.match(/sk-sy-v1-[0-9A-Za-z]{44}/g) ?? []);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      expect(answers.filter((answer) => answer.text.includes(key))).toHaveLength(1);
    }
    if (bridge === undefined) return;
    const redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      automaticDeserialization: false,
    });
    let dump = '';
    for (const name of await redis.keys('*')) {
      const kind = await redis.type(name);
      dump += `${name} ${JSON.stringify(kind === 'hash' ? await redis.hgetall(name) : await redis.get(name))}\n`;
    }
    expect(dump).toContain('sy:key:');
    expect(dump).toContain('sy:audit:');
    for (const key of keys) expect(dump).not.toContain(key);
  });
});
