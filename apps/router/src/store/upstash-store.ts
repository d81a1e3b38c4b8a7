import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import { createRedisBackedStore, type RedisCommands } from './redis-backed-store.ts';
import { isMissingScript } from './redis-refusal.ts';
import type { Store } from './store.ts';
import { refusalsFrom, toStoreError, upstashReply } from './upstash-refusal.ts';

export type UpstashStoreOptions =
  | {
      /** `UPSTASH_REDIS_REST_URL` */
      url: string;
      /** `UPSTASH_REDIS_REST_TOKEN` */
      token: string;
      /** Retries on network errors (default 2, 50 ms then 100 ms); the client's own is ~4 s. */
      retry?: RedisConfigNodejs['retry'];
    }
  | {
      /**
       * A client created with `automaticDeserialization: false`, so strings come back as stored,
       * and auto-pipelining on (the default), so a refused command is told from a failed request.
       */
      redis: Redis;
    };

/**
 * A store in Upstash Redis over its REST API (`@upstash/redis`; works on Workers and Node).
 * Concurrent calls in the same tick travel in one `/pipeline` request (auto-pipelining), where
 * Redis answers each command on its own: its errors about arguments or data become
 * `StoreRefusedError`, while failed requests (network, HTTP 5xx) reject as they are.
 *
 * @example
 * const store = createUpstashStore({
 *   url: env.UPSTASH_REDIS_REST_URL,
 *   token: env.UPSTASH_REDIS_REST_TOKEN,
 * });
 */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  const redis = 'redis' in options ? checkClient(options.redis) : createClient(options);
  return createRedisBackedStore(upstashCommands(redis));
}

function upstashCommands(redis: Redis): RedisCommands {
  return {
    kind: 'upstash',
    get: (key) => refusalsFrom(redis.get<unknown>(key)),
    set: (key, value, { px, nx }) =>
      refusalsFrom(
        px === undefined
          ? redis.set(key, value, nx ? { nx } : undefined)
          : redis.set(key, value, nx ? { nx, px } : { px }),
      ),
    del: (key) => refusalsFrom(redis.del(key)),
    async evalsha(sha, keys, args) {
      try {
        return { status: 'reply', reply: await redis.evalsha<string[], unknown>(sha, keys, args) };
      } catch (error) {
        if (isMissingScript(upstashReply(error))) return { status: 'not-loaded' };
        throw toStoreError(error, 'script');
      }
    },
    eval: (lua, keys, args) =>
      refusalsFrom(redis.eval<string[], unknown>(lua, keys, args), 'script'),
    ping: () => refusalsFrom(redis.ping()),
  };
}

function createClient(options: { url: string; token: string; retry?: RedisConfigNodejs['retry'] }) {
  return new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    retry: options.retry ?? { retries: 2, backoff: (retryCount) => 50 * 2 ** retryCount },
  });
}

function checkClient(redis: Redis): Redis {
  // `opts` and `enableAutoPipelining` are protected in the typings but hold these settings.
  const client = redis as unknown as {
    opts?: { automaticDeserialization?: boolean };
    enableAutoPipelining?: boolean;
  };
  if (client.opts?.automaticDeserialization !== false) {
    throw new TypeError(
      'createUpstashStore needs a Redis client created with `automaticDeserialization: false`, ' +
        'otherwise JSON-looking strings would come back parsed.',
    );
  }
  if (client.enableAutoPipelining === false) {
    throw new TypeError(
      'createUpstashStore needs a Redis client with auto-pipelining on (no ' +
        '`enableAutoPipelining: false`), otherwise a refused command reads like an outage.',
    );
  }
  return redis;
}
