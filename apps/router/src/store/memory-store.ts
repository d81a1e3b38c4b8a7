import type { Store } from './store.ts';
import { toIncrement, toTtlMs } from './store-arguments.ts';

export interface MemoryStoreOptions {
  /** Clock in epoch milliseconds (default `Date.now`); tests pass a fake one. */
  now?: () => number;
  /** Upper bound on stored keys (default 10,000); the least recently used go first. */
  maxEntries?: number;
}

interface Entry {
  value: string;
  /** Epoch ms after which the entry is gone; undefined = no expiry. */
  expiresAt: number | undefined;
}

/** Redis' integer syntax: no sign on zero, no leading zeros, no `+`. */
const integerPattern = /^(0|-?[1-9][0-9]*)$/;

/**
 * An in-process store: one Node process or one Workers isolate (not shared between isolates).
 * Expired entries are dropped when read or when the store is full; there are no timers.
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
  // Evicting a tenth at once keeps the full sweep of expired entries amortised over many writes.
  const evictTo = maxEntries - Math.floor(maxEntries / 10);
  // Map order is recency order: every read or write moves its key to the end.
  const entries = new Map<string, Entry>();

  const isExpired = (entry: Entry, at: number) =>
    entry.expiresAt !== undefined && entry.expiresAt <= at;

  const read = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (isExpired(entry, now())) return undefined;
    entries.set(key, entry);
    return entry;
  };

  const write = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) evict();
  };

  const evict = () => {
    const at = now();
    for (const [key, entry] of entries) {
      if (isExpired(entry, at)) entries.delete(key);
    }
    for (const key of entries.keys()) {
      if (entries.size <= evictTo) break;
      entries.delete(key);
    }
  };

  return {
    kind: 'memory',
    async get(key) {
      return read(key)?.value ?? null;
    },
    async set(key, value, setOptions = {}) {
      const ttlMs = toTtlMs(setOptions.ttlMs);
      if (setOptions.onlyIfAbsent && read(key)) return false;
      write(key, { value, expiresAt: ttlMs === undefined ? undefined : now() + ttlMs });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
    async increment(key, by = 1, incrementOptions = {}) {
      const step = toIncrement(by);
      const ttlMs = toTtlMs(incrementOptions.ttlMs);
      const existing = read(key);
      if (existing && !integerPattern.test(existing.value)) {
        throw new TypeError(`The value at '${key}' is not an integer`);
      }
      const next = (existing ? Number(existing.value) : 0) + step;
      if (!Number.isSafeInteger(next)) throw new RangeError(`Incrementing '${key}' would overflow`);
      const expiresAt = existing
        ? existing.expiresAt
        : ttlMs === undefined
          ? undefined
          : now() + ttlMs;
      write(key, { value: String(next), expiresAt });
      return next;
    },
    async ping() {},
  };
}
