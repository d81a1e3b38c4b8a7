import {
  type RedisServer,
  startRedisServer,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit/redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { guardStore } from '../store/guarded-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createRedisStore, type RedisStore } from '../store/redis-store.ts';
import type { GuardedStore } from '../store/store-result.ts';
import type { StoreScript } from '../store/store-script.ts';
import { createUpstashStore } from '../store/upstash-store.ts';

/** A store for one test, and the clock the in-process store expires entries by. */
export interface ScriptTestStore {
  store: GuardedStore;
  /** Sets the in-process store's clock and returns `now`; Redis keeps its own clock. */
  at(now: number): number;
}

/**
 * Defines the same tests over the in-process store and over a real redis-server, reached through
 * the Upstash bridge and over plain Redis, so a script's Lua and its JavaScript twin are held to
 * the same answers. Each `open()` starts from an empty store (Redis is flushed, so tests run one
 * at a time).
 *
 * @example
 * describeOnScriptStores('admit', (open) => {
 *   it('admits', async () => { const { store, at } = await open(); ... });
 * });
 */
export function describeOnScriptStores(
  name: string,
  define: (open: () => Promise<ScriptTestStore>) => void,
): void {
  describe(`${name} (in-process store)`, () => {
    define(async () => {
      let clock = 0;
      const store = guardStore(createMemoryStore({ now: () => clock }), { timeBudgetMs: 5_000 });
      return { store, at: (now) => (clock = now) };
    });
  });

  describe(`${name} (Redis)`, () => {
    let server: RedisServer;
    let bridge: UpstashBridge;
    let plain: RedisStore;
    beforeAll(async () => {
      server = await startRedisServer();
      bridge = await startUpstashBridge({ redisUrl: server.url });
      plain = createRedisStore({ url: server.url });
    });
    afterAll(async () => {
      await plain?.close();
      await bridge?.close();
      await server?.stop();
    });
    const flushed = async (store: GuardedStore): Promise<ScriptTestStore> => {
      const result = await store.runScript(flush, [], []);
      if (result.status !== 'ok') throw result.error;
      return { store, at: (now) => now };
    };
    describe('through the Upstash bridge', () => {
      define(() => {
        const upstash = createUpstashStore({ url: bridge.url, token: bridge.token });
        return flushed(guardStore(upstash, { timeBudgetMs: 5_000 }));
      });
    });
    describe('over plain Redis', () => {
      define(() => flushed(guardStore(plain, { timeBudgetMs: 5_000 })));
    });
  });
}

const flush: StoreScript<null> = {
  name: 'flush',
  lua: "redis.call('FLUSHDB') return false",
  memory: () => null,
  parse: () => null,
};

const timeToLive: StoreScript<number> = {
  name: 'pttl',
  lua: "return redis.call('PTTL', KEYS[1])",
  memory: (redis, [key]) => redis.pttl(key as string),
  parse: (reply) => Number(reply),
};

/** PTTL of `key`: -2 when it is missing, -1 when it never expires. */
export async function timeToLiveOf(store: GuardedStore, key: string): Promise<number> {
  const result = await store.runScript(timeToLive, [key], []);
  if (result.status !== 'ok') throw result.error;
  return result.value;
}

const replaceHash: StoreScript<null> = {
  name: 'replace-hash',
  lua: `redis.call('DEL', KEYS[1])
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return false`,
  memory(redis, [key], fields) {
    redis.del(key as string);
    for (let index = 0; index < fields.length; index += 2) {
      redis.hset(key as string, { [fields[index] as string]: fields[index + 1] as string });
    }
    return null;
  },
  parse: () => null,
};

/** Replaces the hash at `key` with `fields`, as the management API stores a record. */
export async function writeHash(
  store: GuardedStore,
  key: string,
  fields: Record<string, string>,
): Promise<void> {
  const result = await store.runScript(replaceHash, [key], Object.entries(fields).flat());
  if (result.status !== 'ok') throw result.error;
}
