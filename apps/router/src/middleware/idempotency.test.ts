import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { parseConfig } from '../config/index.ts';
import { createMemoryStore, type Store } from '../store/index.ts';

const config = parseConfig({
  providers: {
    mock: {
      type: 'mock',
      models: { echo: {}, slow: { latencyMs: 300 }, down: { errorStatus: 503 } },
    },
  },
  keys: [
    { key: 'sk-team-a', tenant: 'team-a' },
    { key: 'sk-team-b', tenant: 'team-b' },
  ],
});

function routerApp(store: Store = createMemoryStore()) {
  return createApp({ config, store, adminKey: 'sk-admin', logger: () => {} });
}

const app = routerApp();

function client(apiKey = 'sk-admin', target = app) {
  return new OpenAI({
    baseURL: 'http://router.test/v1',
    apiKey,
    maxRetries: 0,
    fetch: async (url, init) => target.request(String(url), init),
  });
}

const withKey = (key: string) => ({ headers: { 'Idempotency-Key': key } });
const hello = (model = 'mock/echo') => ({
  model,
  messages: [{ role: 'user' as const, content: 'hello there' }],
});

function post(path: string, body: unknown, headers: Record<string, string> = {}, target = app) {
  return target.request(path, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-admin', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Idempotency-Key', () => {
  it('replays the first answer, with its headers, to the same request with the same key', async () => {
    const first = await client()
      .chat.completions.create(hello(), withKey('replay-1'))
      .withResponse();
    const again = await client()
      .chat.completions.create(hello(), withKey('replay-1'))
      .withResponse();
    expect(again.data).toEqual(first.data);
    expect(first.response.headers.get('x-switchyard-idempotency')).toBe('stored');
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.response.headers.get('x-switchyard-idempotency')).toBe('replayed');
    expect(again.response.headers.get('x-switchyard-provider')).toBe('mock');
    expect(again.response.headers.get('x-switchyard-original-request-id')).toBe(
      first.response.headers.get('x-switchyard-request-id'),
    );
    expect(again.response.headers.get('x-switchyard-request-id')).not.toBe(
      first.response.headers.get('x-switchyard-request-id'),
    );
  });

  it('runs each request without a key, and each request with its own key', async () => {
    const ids = await Promise.all(
      [undefined, undefined, 'own-1', 'own-2'].map(async (key) => {
        const options = key === undefined ? {} : withKey(key);
        return (await client().chat.completions.create(hello(), options)).id;
      }),
    );
    expect(new Set(ids).size).toBe(4);
  });

  it('answers 422 when the key comes back with a different body or on another route', async () => {
    await client().chat.completions.create(hello(), withKey('reused-1'));
    const otherBody = await client()
      .chat.completions.create({ ...hello(), temperature: 0.5 }, withKey('reused-1'))
      .catch((error: unknown) => error);
    expect(otherBody).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    expect(otherBody).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    const otherRoute = await client()
      .embeddings.create({ model: 'mock/echo', input: 'hello there' }, withKey('reused-1'))
      .catch((error: unknown) => error);
    expect(otherRoute).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('answers 409 with Retry-After to a duplicate while the first still runs, then replays', async () => {
    const body = hello('mock/slow');
    const both = await Promise.all([
      post('/v1/chat/completions', body, { 'idempotency-key': 'running-1' }),
      post('/v1/chat/completions', body, { 'idempotency-key': 'running-1' }),
    ]);
    const statuses = both.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const conflict = both.find((response) => response.status === 409);
    expect(conflict?.headers.get('retry-after')).toBe('1');
    expect(await conflict?.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'idempotency_key_in_use' },
    });
    const served = (await both.find((response) => response.status === 200)?.json()) as {
      id: string;
    };
    const replay = await post('/v1/chat/completions', body, { 'idempotency-key': 'running-1' });
    expect(((await replay.json()) as { id: string }).id).toBe(served.id);
  });

  it('keeps keys apart per API key: the same key from another tenant runs its own request', async () => {
    const teamA = await client('sk-team-a').chat.completions.create(hello(), withKey('shared-1'));
    const teamB = await client('sk-team-b').chat.completions.create(hello(), withKey('shared-1'));
    expect(teamB.id).not.toBe(teamA.id);
    const teamAAgain = await client('sk-team-a').chat.completions.create(
      hello(),
      withKey('shared-1'),
    );
    expect(teamAAgain.id).toBe(teamA.id);
  });

  it('keeps no failure: a retry after an upstream 503 runs again', async () => {
    const body = hello('mock/down');
    const first = await post('/v1/chat/completions', body, { 'idempotency-key': 'failed-1' });
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await post('/v1/chat/completions', body, { 'idempotency-key': 'failed-1' });
    expect(retry.status).toBeGreaterThanOrEqual(500);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(Number(retry.headers.get('x-switchyard-attempts'))).toBeGreaterThan(0);
  });

  it('serves streams as usual and never replays them', async () => {
    const body = { ...hello(), stream: true };
    for (let round = 0; round < 2; round++) {
      const response = await post('/v1/chat/completions', body, { 'idempotency-key': 'stream-1' });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-switchyard-idempotency')).toBe('stream');
      expect(response.headers.get('idempotent-replayed')).toBeNull();
      expect(await response.text()).toContain('[DONE]');
    }
  });

  it('finishes and keeps the answer when the client goes away, so its retry replays it', async () => {
    const controller = new AbortController();
    const abandoned = app.request('/v1/chat/completions', {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-admin',
        'content-type': 'application/json',
        'idempotency-key': 'abandoned-1',
      },
      body: JSON.stringify(hello('mock/slow')),
      signal: controller.signal,
    });
    controller.abort();
    const finished = await abandoned;
    expect(finished.status).toBe(200);
    const retry = await post('/v1/chat/completions', hello('mock/slow'), {
      'idempotency-key': 'abandoned-1',
    });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await finished.json());
  });

  it('fails closed with 503 when the store cannot answer; without a key the request is served', async () => {
    const store = createMemoryStore();
    const set = store.set.bind(store);
    // Only the idempotency records are lost: the rest of the gateway keeps its store.
    store.set = (key, value, options) =>
      key.startsWith('sy:idempotency:')
        ? Promise.reject(new Error('connection refused'))
        : set(key, value, options);
    const broken = routerApp(store);
    const keyed = await post('/v1/chat/completions', hello(), { 'idempotency-key': 'k' }, broken);
    expect(keyed.status).toBe(503);
    expect(await keyed.json()).toMatchObject({
      error: { type: 'api_error', code: 'idempotency_unavailable' },
    });
    const unkeyed = await post('/v1/chat/completions', hello(), {}, broken);
    expect(unkeyed.status).toBe(200);
  });

  it('answers 400 for a key that is not 1 to 255 visible characters', async () => {
    const response = await post('/v1/chat/completions', hello(), { 'idempotency-key': 'a b' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_idempotency_key' } });
  });
});

describe('Idempotency-Key on every API', () => {
  const prompt = [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }];
  it.each([
    ['/v1/chat/completions', hello(), {}],
    ['/v1/responses', { model: 'mock/echo', input: 'hello' }, {}],
    [
      '/v1/messages',
      { model: 'mock/echo', max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] },
      { 'anthropic-version': '2023-06-01' },
    ],
    ['/v1/embeddings', { model: 'mock/echo', input: ['hello'] }, {}],
    ['/v1/images/generations', { model: 'mock/echo', prompt: 'a lighthouse' }, {}],
    ['/v4/ai/language-model', { prompt }, { 'ai-language-model-id': 'mock/echo' }],
    ['/v1/ai/embedding-model', { values: ['hello'] }, { 'ai-model-id': 'mock/echo' }],
    ['/v4/ai/image-model', { prompt: 'a lighthouse', n: 1 }, { 'ai-model-id': 'mock/echo' }],
    [
      '/v4/ai/reranking-model',
      { documents: { type: 'text', values: ['a', 'b'] }, query: 'b' },
      { 'ai-model-id': 'mock/echo' },
    ],
  ])('%s replays the first answer', async (path, body, headers) => {
    const key = { 'idempotency-key': `every-api-${path}` };
    const first = await post(path, body, { ...headers, ...key });
    expect(first.status).toBe(200);
    const again = await post(path, body, { ...headers, ...key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await again.text()).toBe(await first.text());
  });

  it('tells the gateway protocol apart by its model header: another model is another request', async () => {
    const body = { values: ['hello'] };
    const key = { 'idempotency-key': 'model-header-1' };
    await post('/v4/ai/embedding-model', body, { ...key, 'ai-model-id': 'mock/echo' });
    const other = await post('/v4/ai/embedding-model', body, {
      ...key,
      'ai-model-id': 'mock/slow',
    });
    expect(other.status).toBe(422);
  });
});
