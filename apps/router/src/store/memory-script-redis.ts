import { addToCounter } from './memory-counter.ts';
import type { MemoryEntries, MemoryEntry } from './memory-entries.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import type { ScriptRedis } from './store-script.ts';

const setField = Symbol('hset one field');

/** The in-process commands, with HSET of one field given as strings rather than an object. */
interface MemoryScriptRedis extends ScriptRedis {
  [setField](key: string, field: string, value: string): number;
}

/**
 * The Redis commands of `ScriptRedis` over the in-process entries, for scripts' JavaScript twins.
 * Expiries behave as in Redis: SET without PX clears it, INCRBY and HSET keep it.
 */
export function createMemoryScriptRedis(entries: MemoryEntries, now: () => number): ScriptRedis {
  const readString = (key: string): MemoryEntry | undefined => {
    const entry = entries.read(key);
    if (entry && typeof entry.value !== 'string') throw wrongType(key);
    return entry;
  };
  const readHash = (key: string): HashEntry | undefined => {
    const entry = entries.read(key);
    if (entry && typeof entry.value === 'string') throw wrongType(key);
    return entry as HashEntry | undefined;
  };
  // `entry` is what `readHash` found: a hash changed in place keeps its entry, and so its expiry.
  const writeHash = (key: string, entry: HashEntry | undefined, fields: Map<string, string>) => {
    if (fields.size === 0) entries.delete(key);
    else entries.write(key, entry ?? { value: fields, expiresAt: undefined });
  };

  const redis: MemoryScriptRedis = {
    [setField](key, field, value) {
      const entry = readHash(key);
      const hash = entry?.value ?? new Map<string, string>();
      const size = hash.size;
      hash.set(field, value);
      writeHash(key, entry, hash);
      return hash.size - size;
    },
    get: (key) => (readString(key)?.value as string | undefined) ?? null,
    set(key, value, options = {}) {
      if (options.px !== undefined) requireInteger(options.px, 'SET PX', 1);
      if (options.nx && entries.read(key)) return false;
      const expiresAt = options.px === undefined ? undefined : now() + options.px;
      entries.write(key, { value, expiresAt });
      return true;
    },
    del(key) {
      const existed = entries.read(key) !== undefined;
      entries.delete(key);
      return existed ? 1 : 0;
    },
    exists: (key) => entries.read(key) !== undefined,
    pexpire(key, ms) {
      requireInteger(ms, 'PEXPIRE');
      const entry = entries.read(key);
      if (!entry) return false;
      if (ms <= 0) entries.delete(key);
      else entries.write(key, { value: entry.value, expiresAt: now() + ms });
      return true;
    },
    pttl(key) {
      const entry = entries.read(key);
      if (!entry) return -2;
      return entry.expiresAt === undefined ? -1 : Math.max(0, entry.expiresAt - now());
    },
    incrby(key, by) {
      requireInteger(by, 'INCRBY');
      const entry = readString(key);
      const next = addToCounter(entry?.value as string | undefined, by, key);
      entries.write(key, { value: String(next), expiresAt: entry?.expiresAt });
      return next;
    },
    hget: (key, field) => readHash(key)?.value.get(field) ?? null,
    hset(key, fields) {
      // Changed in place: a copy per command made a hash of n fields cost O(n) per write.
      const entry = readHash(key);
      const hash = entry?.value ?? new Map<string, string>();
      const size = hash.size;
      let named = 0;
      // for...in rather than Object.entries: no array of pairs for the one field a twin sets.
      for (const field in fields) {
        if (!Object.hasOwn(fields, field)) continue;
        named += 1;
        hash.set(field, fields[field] as string);
      }
      if (named === 0) {
        throw new StoreRefusedError("ERR wrong number of arguments for 'hset' command");
      }
      writeHash(key, entry, hash);
      // Setting a field the hash holds leaves its size: the growth is the fields created.
      return hash.size - size;
    },
    hdel(key, fields) {
      if (fields.length === 0) {
        throw new StoreRefusedError("ERR wrong number of arguments for 'hdel' command");
      }
      const entry = readHash(key);
      if (!entry) return 0;
      const hash = entry.value;
      const removed = fields.filter((field) => hash.delete(field)).length;
      writeHash(key, entry, hash);
      return removed;
    },
    // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
    hgetall: (key) => Object.fromEntries(readHash(key)?.value ?? []),
    hincrby(key, field, by) {
      requireInteger(by, 'HINCRBY');
      const entry = readHash(key);
      const hash = entry?.value ?? new Map<string, string>();
      const next = addToCounter(hash.get(field), by, key, field);
      hash.set(field, String(next));
      writeHash(key, entry, hash);
      return next;
    },
    hlen: (key) => readHash(key)?.value.size ?? 0,
  };
  return redis;
}

/**
 * HSET of one field, as `redis.hset(key, { [field]: value })` does it. On the in-process store
 * it skips the object: a property name is interned, and interning each request id (the field of
 * its record) cost more than the rest of writing the record.
 * @example hsetField(redis, log, record.id, json);
 */
export function hsetField(redis: ScriptRedis, key: string, field: string, value: string): number {
  const memory = redis as Partial<MemoryScriptRedis>;
  if (memory[setField] !== undefined) return memory[setField](key, field, value);
  return redis.hset(key, { [field]: value });
}

/** An entry holding a hash. */
type HashEntry = MemoryEntry & { value: Map<string, string> };

/** Redis refuses a number argument that is not an integer (or below `minimum`) as ERR. */
function requireInteger(value: number, command: string, minimum = Number.MIN_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new StoreRefusedError(`ERR invalid ${command} argument: ${value}`);
  }
}

function wrongType(key: string): StoreRefusedError {
  return new StoreRefusedError(
    `WRONGTYPE the value at '${key}' is the wrong kind for this command`,
  );
}
