import { addToCounter } from './memory-counter.ts';
import type { MemoryEntries, MemoryEntry } from './memory-entries.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import type { ScriptRedis } from './store-script.ts';

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
  const readHash = (key: string): Map<string, string> | undefined => {
    const entry = entries.read(key);
    if (entry && typeof entry.value === 'string') throw wrongType(key);
    return entry?.value as Map<string, string> | undefined;
  };
  const writeHash = (key: string, fields: Map<string, string>) => {
    const existing = entries.read(key);
    if (fields.size === 0) entries.delete(key);
    else entries.write(key, { value: fields, expiresAt: existing?.expiresAt });
  };

  return {
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
      const next = addToCounter(entry?.value as string | undefined, by, `'${key}'`);
      entries.write(key, { value: String(next), expiresAt: entry?.expiresAt });
      return next;
    },
    hget: (key, field) => readHash(key)?.get(field) ?? null,
    hset(key, fields) {
      // Changed in place: a copy per command made a hash of n fields cost O(n) per write.
      const hash = readHash(key) ?? new Map<string, string>();
      if (Object.keys(fields).length === 0) {
        throw new StoreRefusedError("ERR wrong number of arguments for 'hset' command");
      }
      let created = 0;
      for (const [field, value] of Object.entries(fields)) {
        if (!hash.has(field)) created += 1;
        hash.set(field, value);
      }
      writeHash(key, hash);
      return created;
    },
    hdel(key, fields) {
      if (fields.length === 0) {
        throw new StoreRefusedError("ERR wrong number of arguments for 'hdel' command");
      }
      const hash = readHash(key);
      if (!hash) return 0;
      const removed = fields.filter((field) => hash.delete(field)).length;
      writeHash(key, hash);
      return removed;
    },
    // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
    hgetall: (key) => Object.fromEntries(readHash(key) ?? []),
    hincrby(key, field, by) {
      requireInteger(by, 'HINCRBY');
      const hash = readHash(key) ?? new Map<string, string>();
      const next = addToCounter(hash.get(field), by, `'${key}' field '${field}'`);
      hash.set(field, String(next));
      writeHash(key, hash);
      return next;
    },
    hlen: (key) => readHash(key)?.size ?? 0,
  };
}

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
