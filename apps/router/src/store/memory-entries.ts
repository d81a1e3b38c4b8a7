/** A string, or a hash of fields (what `incrementFields` creates), as in Redis. */
export type MemoryValue = string | Map<string, string>;

export interface MemoryEntry {
  value: MemoryValue;
  /** Epoch ms after which the entry is gone; undefined = no expiry. */
  expiresAt: number | undefined;
}

export interface MemoryEntries {
  /** The live entry at `key` (marking it most recently used), or undefined. */
  read(key: string): MemoryEntry | undefined;
  /** Stores `entry` as the most recently used, evicting when over `maxEntries`. */
  write(key: string, entry: MemoryEntry): void;
  delete(key: string): void;
}

/**
 * Bounded map of entries with expiry and eviction like Redis' volatile-lru: when over
 * `maxEntries`, expired entries go first, then the least recently used entries that have an
 * expiry. Entries without one (key and team records, indexes) are never evicted, so they may
 * hold the map above the cap; everything written from request input carries an expiry. Expired
 * entries are dropped when read or when the map is full; there are no timers.
 */
export function createMemoryEntries(now: () => number, maxEntries: number): MemoryEntries {
  // Evicting a tenth at once keeps the full sweep of expired entries amortised over many writes.
  const evictTo = maxEntries - Math.floor(maxEntries / 10);
  // Map order is recency order: every read or write moves its key to the end.
  const volatile = new Map<string, MemoryEntry>();
  const persistent = new Map<string, MemoryEntry>();
  const size = () => volatile.size + persistent.size;

  const isExpired = (entry: MemoryEntry, at: number) =>
    entry.expiresAt !== undefined && entry.expiresAt <= at;

  const evict = () => {
    const at = now();
    for (const [key, entry] of volatile) {
      if (isExpired(entry, at)) volatile.delete(key);
    }
    for (const key of volatile.keys()) {
      if (size() <= evictTo) break;
      volatile.delete(key);
    }
  };

  // The key last moved to the end of `volatile`. While set, it is there as the last key, or in
  // neither map: a script's commands on one key in a row then find it with one lookup, no move.
  let latest: string | undefined;

  return {
    read(key) {
      if (key !== latest) {
        const permanent = persistent.get(key);
        if (permanent) return permanent;
      }
      const entry = volatile.get(key);
      if (!entry) return undefined;
      if (isExpired(entry, now())) {
        volatile.delete(key);
        return undefined;
      }
      if (key !== latest) {
        volatile.delete(key);
        volatile.set(key, entry);
        latest = key;
      }
      return entry;
    },
    write(key, entry) {
      if (entry.expiresAt === undefined) {
        if (key === latest) latest = undefined;
        volatile.delete(key);
        persistent.set(key, entry);
      } else if (key === latest) {
        volatile.set(key, entry);
      } else {
        persistent.delete(key);
        volatile.delete(key);
        volatile.set(key, entry);
        latest = key;
      }
      if (size() > maxEntries) evict();
    },
    delete(key) {
      volatile.delete(key);
      persistent.delete(key);
    },
  };
}
