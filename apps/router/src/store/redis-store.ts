import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { createRedisBackedStore, type RedisCommands } from './redis-backed-store.ts';
import { isMissingScript, isRefusalReply, type ReplyOrigin } from './redis-refusal.ts';
import type { Store } from './store.ts';
import { StoreRefusedError } from './store-refused-error.ts';

export interface RedisStoreOptions {
  /** `REDIS_URL`: `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  url: string;
  /** How long one connection attempt may take (default 2,000 ms). */
  connectTimeoutMs?: number;
  /** How long a call may wait for its reply, queued while connecting included (default 1,000 ms). */
  commandTimeoutMs?: number;
}

/** A store over plain Redis, with the connection to close at shutdown. */
export interface RedisStore extends Store {
  readonly kind: 'redis';
  /** Closes the connection (after the replies in flight); later calls reject. Idempotent. */
  close(): Promise<void>;
}

/**
 * A store in plain Redis over TCP (`ioredis`; Node only, so not exported from the store index
 * the Worker bundles). It runs the same Lua scripts as the Upstash store. Redis' refusals of a
 * call's arguments or data become `StoreRefusedError`; connection failures reject as they are,
 * and fast: a call waits at most `commandTimeoutMs`, and calls queued while Redis is unreachable
 * fail at the next failed reconnection. It keeps reconnecting (backing off up to a second).
 *
 * @example
 * const store = createRedisStore({ url: process.env.REDIS_URL });
 * await store.set('k', 'v', { ttlMs: 5_000 });
 * await store.close();
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const redis = new (loadIoredis())(options.url, {
    // RESP2, as Upstash speaks it, so no reply depends on how the client maps RESP3 types.
    protocol: 2,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    // Rejects everything waiting at each failed reconnection instead of queueing for the next.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // A call cut off mid-flight may have run; resending it could apply a script twice.
    autoResendUnfulfilledCommands: false,
  });
  // Failures surface on each call (the guard reports them); an unheard 'error' event would throw.
  redis.on('error', () => {});

  let closing: Promise<void> | undefined;
  return {
    ...createRedisBackedStore(redisCommands(redis)),
    kind: 'redis',
    close() {
      closing ??= redis.status === 'ready' ? quit(redis) : Promise.resolve(redis.disconnect());
      return closing;
    },
  };
}

function redisCommands(redis: Redis): RedisCommands {
  return {
    kind: 'redis',
    get: (key) => refusalsFrom(redis.get(key), 'command'),
    set(key, value, { px, nx }) {
      const args: (string | number)[] = [key, value];
      if (px !== undefined) args.push('PX', px);
      if (nx) args.push('NX');
      return refusalsFrom(redis.call('SET', ...args), 'command');
    },
    del: (key) => refusalsFrom(redis.del(key), 'command'),
    async evalsha(sha, keys, args) {
      try {
        return {
          status: 'reply',
          reply: await redis.call('EVALSHA', sha, keys.length, ...keys, ...args),
        };
      } catch (error) {
        if (isMissingScript(replyOf(error))) return { status: 'not-loaded' };
        throw toStoreError(error, 'script');
      }
    },
    eval: (lua, keys, args) =>
      refusalsFrom(redis.call('EVAL', lua, keys.length, ...keys, ...args), 'script'),
    ping: () => refusalsFrom(redis.ping(), 'command'),
  };
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    // Redis went away while closing: nothing is left to close.
    redis.disconnect();
  }
}

/** Redis' error reply, or undefined when the call failed without one (connection, timeout). */
function replyOf(error: unknown): string | undefined {
  return error instanceof Error && error.name === 'ReplyError' ? error.message : undefined;
}

function toStoreError(error: unknown, origin: ReplyOrigin): unknown {
  const reply = replyOf(error);
  if (reply === undefined || !isRefusalReply(reply, origin)) return error;
  return new StoreRefusedError(`Redis refused the command: ${reply}`, { cause: error });
}

async function refusalsFrom<T>(call: Promise<T>, origin: ReplyOrigin): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw toStoreError(error, origin);
  }
}

/**
 * `ioredis` is loaded on first use, not with the module: a process without `REDIS_URL` never
 * pays for it (about 30 MB of resident memory).
 */
function loadIoredis(): typeof Redis {
  return (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;
}
