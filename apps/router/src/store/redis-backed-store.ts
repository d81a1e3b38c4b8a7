import {
  deleteIfEqualsScript,
  getFieldsManyScript,
  incrementFieldsScript,
  incrementScript,
} from './redis-scripts.ts';
import { type LuaScript, scriptSha } from './script-sha.ts';
import type { Store } from './store.ts';
import { toFieldAmounts, toIncrement, toTtlMs } from './store-arguments.ts';

/** What EVALSHA answered: the script's reply, or that the server does not have the script. */
export type EvalshaOutcome = { status: 'reply'; reply: unknown } | { status: 'not-loaded' };

/**
 * The Redis commands a store over Redis sends, as one client speaks them. Each rejects with
 * `StoreRefusedError` when Redis refused the call (see `isRefusalReply`, with the origin
 * 'script' for EVAL and EVALSHA) and with the client's own error when the call failed.
 */
export interface RedisCommands {
  readonly kind: 'upstash' | 'redis';
  get(key: string): Promise<unknown>;
  /** SET with PX when `px` is given and NX when `nx`: 'OK', or null when NX found the key. */
  set(
    key: string,
    value: string,
    options: { px: number | undefined; nx: boolean },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  evalsha(sha: string, keys: string[], args: string[]): Promise<EvalshaOutcome>;
  eval(lua: string, keys: string[], args: string[]): Promise<unknown>;
  ping(): Promise<unknown>;
}

/**
 * The `Store` over Redis commands, shared by the Upstash and the plain Redis store: argument
 * checks, the Lua scripts behind the atomic operations, EVALSHA with a fallback to EVAL, and
 * checks of every reply.
 *
 * @example
 * const store = createRedisBackedStore(upstashCommands(redis));
 */
export function createRedisBackedStore(commands: RedisCommands): Store {
  const source = commands.kind === 'upstash' ? 'Upstash' : 'Redis';
  const unexpectedReply = (command: string, reply: unknown) =>
    new TypeError(`Unexpected ${command} reply from ${source}: ${typeof reply}`);

  async function evaluate(script: LuaScript, keys: readonly string[], args: readonly string[]) {
    const outcome = await commands.evalsha(scriptSha(script), [...keys], [...args]);
    if (outcome.status === 'reply') return outcome.reply;
    // The server does not know the script yet (or lost it in a restart): EVAL also caches it.
    return commands.eval(script.lua, [...keys], [...args]);
  }

  async function getFieldsMany(keys: readonly string[]): Promise<Record<string, string>[]> {
    if (keys.length === 0) return [];
    const reply = await evaluate(getFieldsManyScript, keys, []);
    if (!Array.isArray(reply) || reply.length !== keys.length || !reply.every(isFlatHash)) {
      throw unexpectedReply('HGETALL', reply);
    }
    // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
    return reply.map((flat) => Object.fromEntries(toPairs(flat)));
  }

  return {
    kind: commands.kind,
    async get(key) {
      const value = await commands.get(key);
      if (value !== null && typeof value !== 'string') throw unexpectedReply('GET', value);
      return value;
    },
    async set(key, value, setOptions = {}) {
      const px = toTtlMs(setOptions.ttlMs);
      const reply = await commands.set(key, value, { px, nx: setOptions.onlyIfAbsent === true });
      return reply === 'OK';
    },
    async delete(key) {
      await commands.del(key);
    },
    async deleteIfEquals(key, value) {
      const deleted = await evaluate(deleteIfEqualsScript, [key], [value]);
      if (deleted !== 0 && deleted !== 1) throw unexpectedReply('DEL', deleted);
      return deleted === 1;
    },
    async increment(key, by = 1, incrementOptions = {}) {
      const step = toIncrement(by);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      const args = [String(step), ttlMs === undefined ? '' : String(ttlMs)];
      const value = await evaluate(incrementScript, [key], args);
      if (typeof value !== 'number') throw unexpectedReply('INCRBY', value);
      return value;
    },
    async incrementFields(key, amounts, incrementOptions = {}) {
      const pairs = toFieldAmounts(amounts);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      if (pairs.length === 0) return;
      const args = [ttlMs === undefined ? '' : String(ttlMs)];
      for (const [field, amount] of pairs) args.push(field, String(amount));
      await evaluate(incrementFieldsScript, [key], args);
    },
    async getFields(key) {
      // Through the script, not HGETALL: Upstash's client does not auto-pipeline HGETALL (a lone
      // command's refusal reads like a failed request), and ioredis would turn it into an object.
      const [fields = {}] = await getFieldsMany([key]);
      return fields;
    },
    getFieldsMany,
    async runScript(script, keys, args) {
      return script.parse(await evaluate(script, keys, args));
    },
    async ping() {
      const reply = await commands.ping();
      if (reply !== 'PONG') throw unexpectedReply('PING', reply);
    },
  };
}

/** HGETALL's reply as Redis sends it: a flat [field, value, ...] array. */
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
