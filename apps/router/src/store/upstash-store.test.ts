import {
  type RedisServer,
  startRedisServer,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit/redis';
import { Redis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './store-contract.ts';
import { commandScript, refuseAfterWriteScript } from './store-contract-script-catalogue.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import { createUpstashStore } from './upstash-store.ts';

let server: RedisServer;
let bridge: UpstashBridge;
let raw: IORedis;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ redisUrl: server.url });
  raw = new IORedis(server.url, { protocol: 2 });
});

afterAll(async () => {
  raw?.disconnect();
  await bridge?.close();
  await server?.stop();
});

/** How often Redis ran EVAL and EVALSHA (failed EVALSHAs included), from INFO commandstats. */
async function scriptCalls(): Promise<{ eval: number; evalsha: number }> {
  const info = await raw.info('commandstats');
  const calls = (name: string) =>
    Number(info.match(new RegExp(`cmdstat_${name}:calls=(\\d+)`))?.[1] ?? 0);
  return { eval: calls('eval'), evalsha: calls('evalsha') };
}

const requestsServed = () => [...bridge.requests.values()].reduce((sum, count) => sum + count, 0);

describeStoreContract(
  'Upstash store over a real redis-server',
  () => createUpstashStore({ url: bridge.url, token: bridge.token }),
  'upstash',
);

describe('createUpstashStore', () => {
  it('uses a given client created with automaticDeserialization: false', async () => {
    const redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      automaticDeserialization: false,
    });
    const store = createUpstashStore({ redis });
    await store.set('given:json', '{"a":1}');
    expect(await store.get('given:json')).toBe('{"a":1}');
  });

  it('refuses a client that would parse JSON values', () => {
    const redis = new Redis({ url: bridge.url, token: bridge.token });
    expect(() => createUpstashStore({ redis })).toThrow(/automaticDeserialization: false/);
  });

  it('stores the TTL in Redis in milliseconds', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    const raw = new Redis({ url: bridge.url, token: bridge.token });
    await store.set('ttl:set', 'v', { ttlMs: 5_000 });
    await store.increment('ttl:counter', 1, { ttlMs: 7_000 });
    expect(await raw.pttl('ttl:set')).toBeGreaterThan(4_000);
    expect(await raw.pttl('ttl:counter')).toBeGreaterThan(6_000);
    expect(await raw.pttl('ttl:counter')).toBeLessThanOrEqual(7_000);
  });

  it('stores a hash TTL in milliseconds, set only by the call that creates the hash', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    const raw = new Redis({ url: bridge.url, token: bridge.token });
    await store.incrementFields('ttl:hash', { n: 1 }, { ttlMs: 7_000 });
    await store.incrementFields('ttl:hash', { n: 1 }, { ttlMs: 60_000 });
    expect(await raw.pttl('ttl:hash')).toBeGreaterThan(6_000);
    expect(await raw.pttl('ttl:hash')).toBeLessThanOrEqual(7_000);
  });

  it('refuses a hash field that is not an integer, changing no field', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    const raw = new Redis({
      url: bridge.url,
      token: bridge.token,
      automaticDeserialization: false,
    });
    for (const bad of ['abc', '1.5', '01', '-0', ' 1', '1e3', '']) {
      await raw.del('bad:hash');
      await raw.hset('bad:hash', { bad, good: '1' });
      await expect(
        store.incrementFields('bad:hash', { good: 1, bad: 1 }),
        `field value ${JSON.stringify(bad)}`,
      ).rejects.toThrow(/not an integer/);
      expect(await store.getFields('bad:hash')).toEqual({ bad, good: '1' });
    }
  });

  it('batches concurrent reads into one request and concurrent writes into another', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    await store.set('batch:a', 'A');
    const before = bridge.requests.get('/pipeline') ?? 0;
    // The client auto-pipelines reads and writes separately: the two batches are not ordered.
    const results = await Promise.all([
      store.get('batch:a'),
      store.increment('batch:n', 3),
      store.get('batch:missing'),
      store.set('batch:b', 'B'),
      store.increment('batch:m'),
    ]);
    expect(results).toEqual(['A', 3, null, true, 1]);
    expect((bridge.requests.get('/pipeline') ?? 0) - before).toBe(2);
  });

  it('refuses a client with auto-pipelining off', () => {
    const redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      automaticDeserialization: false,
      enableAutoPipelining: false,
    });
    expect(() => createUpstashStore({ redis })).toThrow(/enableAutoPipelining/);
  });

  it('reads the hashes of many keys in one request', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    const keys = Array.from({ length: 10 }, (_, index) => `many:${index}`);
    await store.incrementFields('many:3', { ok: 1 });
    // Once Redis has the script, a call is one EVALSHA (the first one falls back to EVAL).
    await store.getFieldsMany(keys);
    const before = requestsServed();
    expect(await store.getFieldsMany(keys)).toEqual(
      keys.map((key) => (key === 'many:3' ? { ok: '1' } : {})),
    );
    expect(requestsServed() - before).toBe(1);
  });

  it('runs a script by its SHA once Redis has it, and loads it again after SCRIPT FLUSH', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    const run = () => store.runScript(commandScript, ['sha:k'], ['INCRBY', '1']);
    await raw.script('FLUSH');
    const before = await scriptCalls();
    expect(await Promise.all([run(), run()])).toEqual(expect.arrayContaining([1, 2]));
    expect(await run()).toBe(3);
    const after = await scriptCalls();
    expect(after.eval - before.eval).toBe(2);
    expect(after.evalsha - before.evalsha).toBe(3);
    await raw.script('FLUSH');
    expect(await run()).toBe(4);
    expect((await scriptCalls()).eval - after.eval).toBe(1);
  });

  it('refuses a script that fails on purpose with a code of its own', async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token });
    await expect(
      store.runScript(refuseAfterWriteScript, ['refused:k'], ['w', 'LIMIT hit', 'reply']),
    ).rejects.toThrow(StoreRefusedError);
    expect(await store.get('refused:k')).toBe('w');
  });

  it('rejects with the Upstash error when the token is wrong', async () => {
    const store = createUpstashStore({ url: bridge.url, token: 'wrong' });
    await expect(store.get('k')).rejects.toThrow(/Unauthorized/);
    await expect(store.ping()).rejects.toThrow(/Unauthorized/);
  });
});
