import {
  type RedisServer,
  startRedisServer,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit/redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardStore } from './guarded-store.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import { createUpstashStore } from './upstash-store.ts';

describe('guardStore over Upstash', () => {
  let server: RedisServer;
  let bridge: UpstashBridge;
  let time = 1_000_000;

  beforeEach(async () => {
    server = await startRedisServer();
    bridge = await startUpstashBridge({ redisUrl: server.url });
  });

  afterEach(async () => {
    await bridge.close();
    await server.stop();
  });

  const upstash = (timeBudgetMs: number) =>
    guardStore(createUpstashStore({ url: bridge.url, token: bridge.token }), {
      timeBudgetMs,
      breaker: { failureThreshold: 3, cooldownMs: 1_000 },
      now: () => time,
    });

  const requestsServed = () => [...bridge.requests.values()].reduce((sum, count) => sum + count, 0);

  it('answers unavailable within about the budget when Upstash is slow', async () => {
    const store = upstash(100);
    await store.set('k', 'v');
    bridge.setDelay(3_000);
    const started = performance.now();
    expect(await store.get('k')).toMatchObject({
      status: 'unavailable',
      error: { timeoutMs: 100 },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    bridge.setDelay(0);
    expect(await store.get('k')).toEqual({ status: 'value', value: 'v' });
  });

  it('answers unavailable within the budget when Upstash drops connections', async () => {
    const store = upstash(200);
    bridge.setFailure('drop');
    const started = performance.now();
    expect(await store.get('k')).toMatchObject({ status: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('stops sending requests once Redis is down, then answers every call unavailable', async () => {
    const store = upstash(1_000);
    await store.set('k', 'v');
    await server.stop();
    for (const operation of [() => store.get('k'), () => store.incrementFields('h', { n: 1 })]) {
      expect(await operation()).toMatchObject({ status: 'unavailable' });
    }
    expect(await store.getFields('h')).toMatchObject({ status: 'unavailable' });
    const served = requestsServed();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.get('k')));
    for (const result of results) {
      expect(result).toMatchObject({ status: 'unavailable', error: { circuitOpen: true } });
    }
    expect(requestsServed()).toBe(served);
  });

  it('probes Upstash after the cooldown and serves again once it answers', async () => {
    const store = upstash(1_000);
    await store.incrementFields('h', { n: 1 });
    bridge.setFailure('error');
    for (let index = 0; index < 3; index += 1) await store.getFields('h');
    bridge.setFailure('none');
    expect(await store.getFields('h')).toMatchObject({ error: { circuitOpen: true } });
    time += 1_000;
    expect(await store.getFields('h')).toEqual({ status: 'value', value: { n: '1' } });
    expect(await store.deleteIfEquals('h:lock', 'token')).toEqual({ status: 'ok', value: false });
  });

  it('answers refusals on one bad key without cutting the store off', async () => {
    const store = upstash(1_000);
    await store.set('text', 'abc');
    await store.incrementFields('hash', { n: 1 });
    const refusals = [
      () => store.getFields('text'),
      () => store.getFields('text'),
      () => store.getFields('text'),
      () => store.getFieldsMany(['hash', 'text']),
      () => store.increment('text'),
      () => store.incrementFields('text', { n: 1 }),
      () => store.get('hash'),
      () => store.set('k', 'v', { ttlMs: -1 }),
    ];
    for (const refusal of refusals) {
      expect(await refusal()).toMatchObject({
        status: 'unavailable',
        error: { circuitOpen: false, cause: expect.any(StoreRefusedError) },
      });
    }
    expect(await store.get('text')).toEqual({ status: 'value', value: 'abc' });
    expect(await store.getFieldsMany(['hash', 'none'])).toEqual({
      status: 'ok',
      value: [{ n: '1' }, {}],
    });
  });

  it('counts HTTP 5xx answers and dropped connections toward the breaker', async () => {
    const store = upstash(1_000);
    await store.incrementFields('h', { n: 1 });
    bridge.setFailure('error');
    for (let index = 0; index < 2; index += 1) {
      expect(await store.getFieldsMany(['h'])).toMatchObject({ error: { circuitOpen: false } });
    }
    bridge.setFailure('drop');
    expect(await store.getFields('h')).toMatchObject({ error: { circuitOpen: false } });
    bridge.setFailure('none');
    expect(await store.getFieldsMany(['h'])).toMatchObject({ error: { circuitOpen: true } });
  });
});
