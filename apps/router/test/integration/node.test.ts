import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { type RedisServer, startRedisServer } from '@switchyard/testkit/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config/index.ts';
import type { RequestLogEntry } from '../../src/middleware/request-log.ts';
import { type NodeServer, startNodeServer } from '../../src/node.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { describeAIGateway } from './ai-gateway-suite.ts';
import { adminKey, integrationConfig } from './integration-config.ts';
import { describeOpenAIMedia } from './openai-media-suite.ts';
import { describeRouter, type RouterFetch } from './router-suite.ts';

let upstream: MockUpstream;
let fetchRouter: RouterFetch;
const logged: RequestLogEntry[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
  const app = createApp({
    config: parseConfig(integrationConfig(upstream.url)),
    store: createMemoryStore(),
    adminKey,
    logger: (entry) => logged.push(entry),
  });
  fetchRouter = async (path, init) => app.request(`http://router.test${path}`, init);
});
afterAll(() => upstream?.close());

describeRouter('Node', () => fetchRouter);
describeAIGateway('Node', () => fetchRouter);
describeOpenAIMedia('Node', () => fetchRouter);

describe('the request log', () => {
  it('records what served each request, and failures too, without bodies or keys', async () => {
    const response = await fetchRouter('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'chat',
        messages: [{ role: 'user', content: 'secret words' }],
      }),
    });
    const requestId = response.headers.get('x-switchyard-request-id');
    const entry = logged.find((candidate) => candidate.requestId === requestId);
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      model: 'chat',
      provider: 'mock',
      servedModel: 'echo',
      attempts: [
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'mock/echo', outcome: 'ok' },
      ],
    });
    expect(JSON.stringify(logged)).not.toMatch(/secret words|sk-test-admin/);
    expect(entry?.route).toBe(response.headers.get('x-switchyard-route'));
    expect(entry?.cost?.total).toBeGreaterThan(0);
    expect(entry?.outputTokens).toBeGreaterThan(0);
    expect(entry?.cache).toBe('BYPASS');

    await fetchRouter('/v1/models');
    expect(logged.at(-1)).toMatchObject({ path: '/v1/models', status: 401 });
  });
});

describe('two Node routers sharing plain Redis through REDIS_URL', () => {
  let redis: RedisServer;
  let routers: NodeServer[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, SWITCHYARD_ADMIN_KEY: adminKey };
    const config = parseConfig(integrationConfig(upstream.url));
    routers = await Promise.all([0, 1].map(() => startNodeServer({ config, port: 0, env })));
  });
  afterAll(async () => {
    await Promise.all(routers.map((router) => router.close()));
    await redis?.stop();
  });

  const chat = (router: NodeServer | undefined, prompt: string) =>
    fetch(`${router?.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'cached', messages: [{ role: 'user', content: prompt }] }),
    });

  it('says it keeps its state in Redis', () => {
    expect(routers.map((router) => router.store)).toEqual([
      `Redis at ${redis.url}`,
      `Redis at ${redis.url}`,
    ]);
  });

  it('answers from the cache on one router what the other one stored', async () => {
    const prompt = `shared ${crypto.randomUUID()}`;
    const first = await chat(routers[0], prompt);
    expect(first.headers.get('x-switchyard-cache')).toBe('MISS');
    expect(await first.json()).toMatchObject({
      choices: [{ message: { content: `Echo: ${prompt}` } }],
    });
    const key = first.headers.get('x-switchyard-cache-key');
    // The entry is saved after the answer went out.
    const raw = new Redis(redis.url, { protocol: 2 });
    await vi.waitFor(async () => expect(await raw.keys(`sy:cache:*${key}*`)).toHaveLength(1));
    raw.disconnect();

    const second = await chat(routers[1], prompt);
    expect(second.headers.get('x-switchyard-cache')).toBe('HIT');
    expect(await second.json()).toMatchObject({
      choices: [{ message: { content: `Echo: ${prompt}` } }],
    });
  });
});
