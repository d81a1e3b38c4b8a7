import { addToCounter } from './memory-counter.ts';
import { createMemoryEntries, type MemoryEntry } from './memory-entries.ts';
import { createMemoryScriptRedis } from './memory-script-redis.ts';
import { toScriptReply } from './memory-script-reply.ts';
import type { Store } from './store.ts';
import { toFieldAmounts, toIncrement, toTtlMs } from './store-arguments.ts';
import { StoreRefusedError } from './store-refused-error.ts';

export interface MemoryStoreOptions {
  /** Clock in epoch milliseconds (default `Date.now`); tests pass a fake one. */
  now?: () => number;
  /**
   * Upper bound on stored keys (default 10,000). As in Redis' volatile-lru, only keys with an
   * expiry are evicted, the least recently used first; keys without one are never evicted.
   */
  maxEntries?: number;
}

/**
 * An in-process store: one Node process or one Workers isolate (not shared between isolates).
 * Every operation runs synchronously to completion, so each is atomic like its Redis script.
 * Like Redis, a key holds a string or a hash, and using it as the other kind is refused.
 *
 * @example
 * const store = createMemoryStore({ maxEntries: 1_000 });
 * await store.set('k', 'v', { ttlMs: 5_000 });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  // While a script runs, time stands still at its start, as in Redis: its keys expire as of then,
  // and its commands (the record script's are thirty-odd) read the clock once between them.
  let scriptTime: number | undefined;
  const clock = () => scriptTime ?? now();
  const entries = createMemoryEntries(clock, maxEntries);
  const scriptRedis = createMemoryScriptRedis(entries, clock);
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? undefined : now() + ttlMs);

  const readString = (key: string): string | undefined => {
    const value = entries.read(key)?.value;
    if (value instanceof Map) throw wrongKind(key, 'a hash');
    return value;
  };

  const readHash = (key: string): MemoryEntry | undefined => {
    const entry = entries.read(key);
    if (entry && typeof entry.value === 'string') throw wrongKind(key, 'a string');
    return entry;
  };

  const readFields = (key: string): Record<string, string> => {
    const fields = readHash(key)?.value;
    // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
    return fields instanceof Map ? Object.fromEntries(fields) : {};
  };

  return {
    kind: 'memory',
    async get(key) {
      return readString(key) ?? null;
    },
    async set(key, value, setOptions = {}) {
      const ttlMs = toTtlMs(setOptions.ttlMs);
      if (setOptions.onlyIfAbsent && entries.read(key)) return false;
      entries.write(key, { value, expiresAt: expiry(ttlMs) });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
    async deleteIfEquals(key, value) {
      if (readString(key) !== value) return false;
      entries.delete(key);
      return true;
    },
    async increment(key, by = 1, incrementOptions = {}) {
      const step = toIncrement(by);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      const existing = entries.read(key);
      if (existing?.value instanceof Map) throw wrongKind(key, 'a hash');
      const next = addToCounter(existing?.value, step, key);
      entries.write(key, {
        value: String(next),
        expiresAt: existing ? existing.expiresAt : expiry(ttlMs),
      });
      return next;
    },
    async incrementFields(key, amounts, incrementOptions = {}) {
      const pairs = toFieldAmounts(amounts);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      if (pairs.length === 0) return;
      const existing = readHash(key);
      const fields = existing?.value instanceof Map ? existing.value : new Map<string, string>();
      // Compute every sum before writing any, so a failing field leaves the whole hash unchanged.
      const sums = pairs.map(
        ([field, amount]) => [field, addToCounter(fields.get(field), amount, key, field)] as const,
      );
      for (const [field, sum] of sums) fields.set(field, String(sum));
      entries.write(key, {
        value: fields,
        expiresAt: existing ? existing.expiresAt : expiry(ttlMs),
      });
    },
    async getFields(key) {
      return readFields(key);
    },
    async getFieldsMany(keys) {
      return keys.map(readFields);
    },
    async runScript(script, keys, args) {
      // Like Redis, a script sees copies of its arguments and runs to completion in one step.
      scriptTime = now();
      let reply: unknown;
      try {
        reply = script.memory(scriptRedis, [...keys], [...args]);
      } finally {
        scriptTime = undefined;
      }
      return script.parse(toScriptReply(reply, script.name));
    },
    async ping() {},
  };
}

function wrongKind(key: string, kind: string): StoreRefusedError {
  return new StoreRefusedError(
    `The value at '${key}' is ${kind}, the wrong kind for this operation`,
  );
}
