import type { Store } from '../store/store.ts';
import { decodeEntry, encodeEntry, type LanguageCacheEntry } from './cache-entry.ts';

export interface ResponseCacheOptions {
  store: Store;
  /** Entries larger than this are not stored. */
  maxEntryBytes: number;
  /** How long a single-flight lock lives if its holder never releases it. */
  lockMs: number;
  now?: () => number;
}

export interface CacheHit {
  entry: LanguageCacheEntry;
  ageSeconds: number;
}

/** A stored entry, tagged with its namespace's generation when it was written. */
interface StoredEntry {
  generation: number;
  entry: string;
}

/**
 * Responses in the store, keyed by `sy:cache:{namespace}:{hash}`. Purging a namespace bumps its
 * generation; entries from older generations are misses (and expire by their TTL), so a purge
 * is one write whatever the namespace holds. Every call fails open: a slow or failing store is
 * a miss, never an error.
 */
export function createResponseCache(options: ResponseCacheOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const entryKey = (namespace: string, hash: string) => `sy:cache:${namespace}:${hash}`;
  const generationKey = (namespace: string) => `sy:cache-generation:${namespace}`;
  const lockKey = (namespace: string, hash: string) => `sy:cache-lock:${namespace}:${hash}`;
  const generationOf = (value: string | null) => Number(value ?? 0) || 0;

  return {
    async lookup(namespace: string, hash: string): Promise<CacheHit | undefined> {
      const [raw, generation] = await Promise.all([
        store.get(entryKey(namespace, hash)).catch(() => null),
        store.get(generationKey(namespace)).catch(() => null),
      ]);
      if (raw === null) return undefined;
      let stored: StoredEntry;
      try {
        stored = JSON.parse(raw) as StoredEntry;
      } catch {
        return undefined;
      }
      if (stored.generation < generationOf(generation)) return undefined;
      const entry = decodeEntry(stored.entry);
      if (entry === undefined) return undefined;
      return { entry, ageSeconds: Math.max(0, Math.floor((now() - entry.createdAt) / 1000)) };
    },

    /** Stores an entry unless it is over the size limit; resolves false when not stored. */
    async save(
      namespace: string,
      hash: string,
      entry: LanguageCacheEntry,
      ttlSeconds: number,
    ): Promise<boolean> {
      const generation = generationOf(await store.get(generationKey(namespace)).catch(() => null));
      const value = JSON.stringify({ generation, entry: encodeEntry(entry) } satisfies StoredEntry);
      if (new TextEncoder().encode(value).byteLength > options.maxEntryBytes) return false;
      return store
        .set(entryKey(namespace, hash), value, { ttlMs: ttlSeconds * 1000 })
        .catch(() => false);
    },

    /** Single flight: true for the one caller that should ask upstream. */
    acquire(namespace: string, hash: string): Promise<boolean> {
      return store
        .set(lockKey(namespace, hash), String(now()), { onlyIfAbsent: true, ttlMs: options.lockMs })
        .catch(() => true);
    },

    /** Whether a leader still holds the lock; false when the store cannot tell (fail-open). */
    async isLocked(namespace: string, hash: string): Promise<boolean> {
      return (await store.get(lockKey(namespace, hash)).catch(() => null)) !== null;
    },

    release(namespace: string, hash: string): Promise<void> {
      return store.delete(lockKey(namespace, hash)).catch(() => undefined);
    },

    /** Makes every entry of the namespace a miss; returns the new generation. */
    purge(namespace: string): Promise<number> {
      return store.increment(generationKey(namespace));
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
