import { createServer, type Server, type Socket } from 'node:net';
import { type RedisServer, startRedisServer } from '@switchyard/testkit/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardStore } from './guarded-store.ts';
import { createRedisStore, type RedisStore } from './redis-store.ts';
import { scriptSha } from './script-sha.ts';
import { describeStoreContract } from './store-contract.ts';
import { commandScript, refuseAfterWriteScript } from './store-contract-script-catalogue.ts';
import { StoreRefusedError } from './store-refused-error.ts';

let server: RedisServer;
let raw: Redis;
const opened: RedisStore[] = [];

/** A store closed after the file's tests. */
function redisStore(url = server.url, options: { commandTimeoutMs?: number } = {}): RedisStore {
  const store = createRedisStore({ url, ...options });
  opened.push(store);
  return store;
}

beforeAll(async () => {
  server = await startRedisServer();
  raw = new Redis(server.url, { protocol: 2 });
});

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  raw?.disconnect();
  await server?.stop();
});

describeStoreContract('Redis store over a real redis-server', () => redisStore(), 'redis');

/** How often Redis ran EVAL and EVALSHA, from INFO commandstats. */
async function scriptCalls(): Promise<{ eval: number; evalsha: number }> {
  const info = await raw.info('commandstats');
  const calls = (name: string) =>
    Number(info.match(new RegExp(`cmdstat_${name}:calls=(\\d+)`))?.[1] ?? 0);
  return { eval: calls('eval'), evalsha: calls('evalsha') };
}

describe('createRedisStore', () => {
  it('runs a script by its SHA once Redis has it, and loads it again after SCRIPT FLUSH', async () => {
    const store = redisStore();
    const run = () => store.runScript(commandScript, ['sha:k'], ['INCRBY', '1']);
    await raw.script('FLUSH');
    const before = await scriptCalls();
    expect(await run()).toBe(1);
    expect(await run()).toBe(2);
    expect(await run()).toBe(3);
    const after = await scriptCalls();
    expect(after.eval - before.eval).toBe(1);
    expect(await raw.script('EXISTS', scriptSha(commandScript))).toEqual([1]);
    await raw.script('FLUSH');
    expect(await run()).toBe(4);
    expect((await scriptCalls()).eval - after.eval).toBe(1);
  });

  it('stores TTLs in milliseconds, set only by the call that creates the key', async () => {
    const store = redisStore();
    await store.set('ttl:set', 'v', { ttlMs: 5_000 });
    await store.increment('ttl:counter', 1, { ttlMs: 7_000 });
    await store.increment('ttl:counter', 1, { ttlMs: 60_000 });
    expect(await raw.pttl('ttl:set')).toBeGreaterThan(4_000);
    expect(await raw.pttl('ttl:counter')).toBeGreaterThan(6_000);
    expect(await raw.pttl('ttl:counter')).toBeLessThanOrEqual(7_000);
  });

  it('uses the database the URL names', async () => {
    const store = redisStore(`${server.url}/3`);
    await store.set('db:k', 'in three');
    expect(await raw.get('db:k')).toBeNull();
    const three = new Redis(`${server.url}/3`, { protocol: 2 });
    expect(await three.get('db:k')).toBe('in three');
    three.disconnect();
  });

  it('refuses a script’s own error and WRONGTYPE, keeping Redis’ reply as the cause', async () => {
    const store = redisStore();
    const refusal = store.runScript(
      refuseAfterWriteScript,
      ['refused:k'],
      ['w', 'LIMIT hit', 'reply'],
    );
    await expect(refusal).rejects.toThrow(StoreRefusedError);
    await expect(refusal).rejects.toMatchObject({ cause: { name: 'ReplyError' } });
    await expect(store.get('refused:k')).resolves.toBe('w');
    await store.incrementFields('refused:hash', { n: 1 });
    await expect(store.get('refused:hash')).rejects.toThrow(StoreRefusedError);
  });
});

describe('createRedisStore when Redis is away', () => {
  it('rejects every call, not as a refusal, while nothing listens, and closes', async () => {
    const stopped = await startRedisServer();
    await stopped.stop();
    const store = redisStore(stopped.url);
    for (const call of [
      store.get('k'),
      store.runScript(commandScript, ['k'], ['GET']),
      store.ping(),
    ]) {
      const error = await call.then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StoreRefusedError);
    }
    await store.close();
    await store.close();
  });

  it('rejects a call after commandTimeoutMs when Redis accepts but never answers', async () => {
    const silent = await startSilentServer();
    const store = redisStore(`redis://127.0.0.1:${silent.port}`, { commandTimeoutMs: 200 });
    await expect(store.get('k')).rejects.toThrow(/timed out/i);
    await store.close();
    await silent.close();
  });

  it('counts outages toward the guard’s breaker, and serves again once Redis is back', async () => {
    const restartable = await startRedisServer();
    const store = redisStore(restartable.url);
    await store.set('back:k', 'v');
    await restartable.stop();
    const guarded = guardStore(store, { timeBudgetMs: 5_000, breaker: { failureThreshold: 2 } });
    expect(await guarded.get('back:k')).toMatchObject({ status: 'unavailable' });
    expect(await guarded.ping()).toMatchObject({ status: 'unavailable' });
    expect(await guarded.get('back:k')).toMatchObject({ error: { circuitOpen: true } });

    const again = await startRedisServer({ port: restartable.port });
    try {
      // Reconnection runs on its own schedule: poll until it answers (the test timeout bounds it).
      while (await store.ping().then(isDown, isDown)) await sleep(50);
      expect(await store.get('back:k')).toBeNull();
      expect(await store.set('back:k', 'again')).toBe(true);
    } finally {
      await again.stop();
    }
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isDown = (outcome: unknown) => outcome instanceof Error;

/** A TCP server that accepts connections and never answers. */
async function startSilentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const silent: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => silent.close(() => resolve()));
    },
  };
}
