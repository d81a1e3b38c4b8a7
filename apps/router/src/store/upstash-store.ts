import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import type { Store } from './store.ts';
import { toFieldAmounts, toIncrement, toTtlMs } from './store-arguments.ts';
import { refusalsFrom } from './upstash-refusal.ts';
import {
  deleteIfEqualsScript,
  getFieldsManyScript,
  incrementFieldsScript,
  incrementScript,
} from './upstash-scripts.ts';

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

  async function getFieldsMany(keys: readonly string[]): Promise<Record<string, string>[]> {
    if (keys.length === 0) return [];
    const reply = await refusalsFrom(
      redis.eval<string[], unknown>(getFieldsManyScript, [...keys], []),
    );
    if (!Array.isArray(reply) || reply.length !== keys.length || !reply.every(isFlatHash)) {
      throw unexpectedReply('HGETALL', reply);
    }
    // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
    return reply.map((flat) => Object.fromEntries(toPairs(flat)));
  }

  return {
    kind: 'upstash',
    async get(key) {
      const value = await refusalsFrom(redis.get<unknown>(key));
      if (value !== null && typeof value !== 'string') throw unexpectedReply('GET', value);
      return value;
    },
    async set(key, value, setOptions = {}) {
      const ttlMs = toTtlMs(setOptions.ttlMs);
      const nx = setOptions.onlyIfAbsent === true;
      const result = await refusalsFrom(
        ttlMs === undefined
          ? redis.set(key, value, nx ? { nx } : undefined)
          : redis.set(key, value, nx ? { nx, px: ttlMs } : { px: ttlMs }),
      );
      return result === 'OK';
    },
    async delete(key) {
      await refusalsFrom(redis.del(key));
    },
    async deleteIfEquals(key, value) {
      const deleted = await refusalsFrom(
        redis.eval<string[], unknown>(deleteIfEqualsScript, [key], [value]),
      );
      if (deleted !== 0 && deleted !== 1) throw unexpectedReply('DEL', deleted);
      return deleted === 1;
    },
    async increment(key, by = 1, incrementOptions = {}) {
      const step = toIncrement(by);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      const args = [String(step), ttlMs === undefined ? '' : String(ttlMs)];
      const value = await refusalsFrom(redis.eval<string[], unknown>(incrementScript, [key], args));
      if (typeof value !== 'number') throw unexpectedReply('INCRBY', value);
      return value;
    },
    async incrementFields(key, amounts, incrementOptions = {}) {
      const pairs = toFieldAmounts(amounts);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      if (pairs.length === 0) return;
      const args = [ttlMs === undefined ? '' : String(ttlMs)];
      for (const [field, amount] of pairs) args.push(field, String(amount));
      await refusalsFrom(redis.eval<string[], unknown>(incrementFieldsScript, [key], args));
    },
    async getFields(key) {
      // Through the script, not HGETALL: the client does not auto-pipeline HGETALL, and a lone
      // command's refusal (HTTP 400) reads like a failed request.
      const [fields = {}] = await getFieldsMany([key]);
      return fields;
    },
    getFieldsMany,
    async runScript(script, keys, args) {
      return script.parse(
        await refusalsFrom(redis.eval<string[], unknown>(script.lua, [...keys], [...args])),
      );
    },
    async ping() {
      const reply = await refusalsFrom(redis.ping());
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

/** HGETALL's reply without automatic deserialization: Redis' flat [field, value, ...] array. */
function isFlatHash(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length % 2 === 0 &&
    value.every((item) => typeof item === 'string')
  );
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
