import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import type { Store } from './store.ts';
import { toFieldAmounts, toIncrement, toTtlMs } from './store-arguments.ts';
import { deleteIfEqualsScript, incrementFieldsScript, incrementScript } from './upstash-scripts.ts';

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
      /** A client created with `automaticDeserialization: false`, so strings come back as stored. */
      redis: Redis;
    };

/**
 * A store in Upstash Redis over its REST API (`@upstash/redis`; works on Workers and Node).
 * Concurrent calls in the same tick travel in one `/pipeline` request (auto-pipelining).
 *
 * @example
 * const store = createUpstashStore({
 *   url: env.UPSTASH_REDIS_REST_URL,
 *   token: env.UPSTASH_REDIS_REST_TOKEN,
 * });
 */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  const redis = 'redis' in options ? checkRawReplies(options.redis) : createClient(options);

  return {
    kind: 'upstash',
    async get(key) {
      const value = await redis.get<unknown>(key);
      if (value !== null && typeof value !== 'string') throw unexpectedReply('GET', value);
      return value;
    },
    async set(key, value, setOptions = {}) {
      const ttlMs = toTtlMs(setOptions.ttlMs);
      const nx = setOptions.onlyIfAbsent === true;
      const result =
        ttlMs === undefined
          ? await redis.set(key, value, nx ? { nx } : undefined)
          : await redis.set(key, value, nx ? { nx, px: ttlMs } : { px: ttlMs });
      return result === 'OK';
    },
    async delete(key) {
      await redis.del(key);
    },
    async deleteIfEquals(key, value) {
      const deleted = await redis.eval<string[], unknown>(deleteIfEqualsScript, [key], [value]);
      if (deleted !== 0 && deleted !== 1) throw unexpectedReply('DEL', deleted);
      return deleted === 1;
    },
    async increment(key, by = 1, incrementOptions = {}) {
      const step = toIncrement(by);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      const args = [String(step), ttlMs === undefined ? '' : String(ttlMs)];
      const value = await redis.eval<string[], unknown>(incrementScript, [key], args);
      if (typeof value !== 'number') throw unexpectedReply('INCRBY', value);
      return value;
    },
    async incrementFields(key, amounts, incrementOptions = {}) {
      const pairs = toFieldAmounts(amounts);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      if (pairs.length === 0) return;
      const args = [ttlMs === undefined ? '' : String(ttlMs)];
      for (const [field, amount] of pairs) args.push(field, String(amount));
      await redis.eval<string[], unknown>(incrementFieldsScript, [key], args);
    },
    async getFields(key) {
      // Without automatic deserialization HGETALL stays Redis' flat [field, value, ...] array.
      const reply: unknown = await redis.hgetall(key);
      if (!isStringArray(reply) || reply.length % 2 !== 0) throw unexpectedReply('HGETALL', reply);
      // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
      return Object.fromEntries(toPairs(reply));
    },
    async ping() {
      const reply = await redis.ping();
      if (reply !== 'PONG') throw unexpectedReply('PING', reply);
    },
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

function checkRawReplies(redis: Redis): Redis {
  // `opts` is protected in the typings but is where the client keeps this setting.
  const options = (redis as unknown as { opts?: { automaticDeserialization?: boolean } }).opts;
  if (options?.automaticDeserialization !== false) {
    throw new TypeError(
      'createUpstashStore needs a Redis client created with `automaticDeserialization: false`, ' +
        'otherwise JSON-looking strings would come back parsed.',
    );
  }
  return redis;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function toPairs(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    pairs.push([flat[index] as string, flat[index + 1] as string]);
  }
  return pairs;
}

function unexpectedReply(command: string, reply: unknown): Error {
  return new TypeError(`Unexpected ${command} reply from Upstash: ${typeof reply}`);
}
