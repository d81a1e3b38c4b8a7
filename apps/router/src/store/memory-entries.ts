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
 * Bounded map of entries with expiry and least-recently-used eviction. Expired entries are
 * dropped when read or when the map is full; there are no timers.
 */
export function createMemoryEntries(now: () => number, maxEntries: number): MemoryEntries {
  // Evicting a tenth at once keeps the full sweep of expired entries amortised over many writes.
  const evictTo = maxEntries - Math.floor(maxEntries / 10);
  // Map order is recency order: every read or write moves its key to the end.
  const entries = new Map<string, MemoryEntry>();

  const isExpired = (entry: MemoryEntry, at: number) =>
    entry.expiresAt !== undefined && entry.expiresAt <= at;

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
    read(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (isExpired(entry, now())) return undefined;
      entries.set(key, entry);
      return entry;
    },
    write(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) evict();
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
