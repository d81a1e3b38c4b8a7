import { StoreRefusedError } from './store-refused-error.ts';
import type { ScriptRedis, StoreScript } from './store-script.ts';

/**
 * Scripts for the script contract, each as Lua and as its JavaScript twin, so every store (and so
 * the twin runner against real Redis) is held to the same replies. Replies are left unparsed.
 */

const unparsed = (reply: unknown) => reply;
const at = (values: readonly string[], index: number): string => values[index] ?? '';
// Like Redis' own parsing, an empty argument is not a number (Number('') would be 0).
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * One Redis command on KEYS[1]: ARGV[1] names it, the rest are its arguments. The twin maps each
 * command onto `ScriptRedis` and answers what Redis would: 'OK' or null for SET, 1/0 for
 * EXISTS and PEXPIRE, a flat field, value array for HGETALL.
 */
export const commandScript: StoreScript<unknown> = {
  name: 'contract-command',
  lua: 'return redis.call(ARGV[1], KEYS[1], unpack(ARGV, 2))',
  memory: (redis, keys, args) => runCommand(redis, at(keys, 0), at(args, 0), args.slice(1)),
  parse: unparsed,
};

function runCommand(redis: ScriptRedis, key: string, name: string, rest: string[]): unknown {
  switch (name) {
    case 'GET':
      return redis.get(key);
    case 'SET': {
      const pxAt = rest.indexOf('PX');
      const px = pxAt === -1 ? undefined : toNumber(at(rest, pxAt + 1));
      return redis.set(key, at(rest, 0), { px, nx: rest.includes('NX') }) ? 'OK' : null;
    }
    case 'DEL':
      return redis.del(key);
    case 'EXISTS':
      return redis.exists(key) ? 1 : 0;
    case 'PEXPIRE':
      return redis.pexpire(key, toNumber(at(rest, 0))) ? 1 : 0;
    case 'PTTL':
      return redis.pttl(key);
    case 'INCRBY':
      return redis.incrby(key, toNumber(at(rest, 0)));
    case 'HGET':
      return redis.hget(key, at(rest, 0));
    case 'HSET': {
      const pairs: [string, string][] = [];
      for (let index = 0; index < rest.length; index += 2) {
        pairs.push([at(rest, index), at(rest, index + 1)]);
      }
      return redis.hset(key, Object.fromEntries(pairs));
    }
    case 'HDEL':
      return redis.hdel(key, rest);
    case 'HGETALL':
      return Object.entries(redis.hgetall(key)).flat();
    case 'HINCRBY':
      return redis.hincrby(key, at(rest, 0), toNumber(at(rest, 1)));
    case 'HLEN':
      return redis.hlen(key);
    default:
      throw new StoreRefusedError(`ERR unknown command '${name}'`);
  }
}

/** KEYS[1] counts admissions; ARGV: cap, window ms. Admits (1) while under the cap, else 0. */
export const admitUnderCapScript: StoreScript<unknown> = {
  name: 'contract-admit-under-cap',
  lua: `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return 0 end
redis.call('INCRBY', KEYS[1], 1)
if count == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`,
  memory(redis, keys, args) {
    const key = at(keys, 0);
    const count = Number(redis.get(key) ?? '0');
    if (count >= Number(at(args, 0))) return 0;
    redis.incrby(key, 1);
    if (count === 0) redis.pexpire(key, Number(at(args, 1)));
    return 1;
  },
  parse: unparsed,
};

/** Moves ARGV[1] units of field 'units' from the hash KEYS[1] to the hash KEYS[2]. */
export const transferScript: StoreScript<unknown> = {
  name: 'contract-transfer',
  lua: `
redis.call('HINCRBY', KEYS[1], 'units', -tonumber(ARGV[1]))
redis.call('HINCRBY', KEYS[2], 'units', tonumber(ARGV[1]))
return 1`,
  memory(redis, keys, args) {
    redis.hincrby(at(keys, 0), 'units', -Number(at(args, 0)));
    redis.hincrby(at(keys, 1), 'units', Number(at(args, 0)));
    return 1;
  },
  parse: unparsed,
};

/** The field 'units' of both hashes, each read in the same step: [KEYS[1]'s, KEYS[2]'s]. */
export const readBothScript: StoreScript<unknown> = {
  name: 'contract-read-both',
  lua: `return {redis.call('HGET', KEYS[1], 'units'), redis.call('HGET', KEYS[2], 'units')}`,
  memory: (redis, keys) => [redis.hget(at(keys, 0), 'units'), redis.hget(at(keys, 1), 'units')],
  parse: unparsed,
};

/**
 * Sets KEYS[1] to ARGV[1], then fails on purpose with the message ARGV[2]: through
 * `redis.error_reply` when ARGV[3] is 'reply', by raising a Lua error when it is 'raise'.
 */
export const refuseAfterWriteScript: StoreScript<unknown> = {
  name: 'contract-refuse-after-write',
  lua: `
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[3] == 'raise' then error(ARGV[2]) end
return redis.error_reply(ARGV[2])`,
  memory(redis, keys, args) {
    redis.set(at(keys, 0), at(args, 0));
    throw new StoreRefusedError(at(args, 1));
  },
  parse: unparsed,
};

/** Lua values whose conversion to a reply the contract pins, by name (ARGV[1]). */
const shapes: Record<string, { lua: string; twin: unknown }> = {
  nested: {
    lua: "{1, 'two', {3, {'four', ''}}, false, 2.9, -2.9, true, {}, '12'}",
    twin: [1, 'two', [3, ['four', '']], false, 2.9, -2.9, true, [], '12'],
  },
  nil: { lua: 'nil', twin: null },
  false: { lua: 'false', twin: false },
  true: { lua: 'true', twin: true },
  fraction: { lua: '7.9', twin: 7.9 },
  negative: { lua: '-7.9', twin: -7.9 },
  ok: { lua: "'OK'", twin: 'OK' },
  empty: { lua: '{}', twin: [] },
};

export const shapeNames = Object.keys(shapes);

/** Returns the Lua value named ARGV[1] (see `shapes`); the twin returns its JavaScript twin. */
export const replyShapeScript: StoreScript<unknown> = {
  name: 'contract-reply-shape',
  lua: Object.entries(shapes)
    .map(([name, shape]) => `if ARGV[1] == '${name}' then return ${shape.lua} end`)
    .join('\n'),
  memory: (_redis, _keys, args) => shapes[at(args, 0)]?.twin,
  parse: unparsed,
};
