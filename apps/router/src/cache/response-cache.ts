import type { GuardedStore } from '../store/store-result.ts';
import { decodeEntry, encodeEntry, entryOf, type LanguageCacheEntry } from './cache-entry.ts';

export interface ResponseCacheOptions {
  store: GuardedStore;
  /** Entries larger than this are not stored. */
  maxEntryBytes: number;
  now?: () => number;
  /** Random lock tokens (tests pass fixed ones). */
  token?: () => string;
}

export interface CacheHit {
  entry: LanguageCacheEntry;
  ageSeconds: number;
}

/**
 * Single flight: `acquired` (this request leads and holds the token), `held` (another request
 * leads), or `unavailable` (the store could not tell: lead without a lock).
 */
export type LockResult =
  | { status: 'acquired'; token: string }
  | { status: 'held' }
  | { status: 'unavailable' };

/**
 * A stored entry, tagged with its namespace's generation when it was written. The entry is
 * nested as JSON, so a hit parses once; entries written before that hold it as a JSON string.
 */
interface StoredEntry {
  generation: number;
  entry: unknown;
}

/**
 * Responses in the store, keyed by `sy:cache:{namespace}:{hash}`. Purging a namespace bumps its
 * generation; entries from older generations are misses (and expire by their TTL), so a purge
 * is one write whatever the namespace holds. Reads fail open: a slow or failing store is a miss.
 */
export function createResponseCache(options: ResponseCacheOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const token = options.token ?? (() => crypto.randomUUID());
  const entryKey = (namespace: string, hash: string) => `sy:cache:${namespace}:${hash}`;
  const generationKey = (namespace: string) => `sy:cache-generation:${namespace}`;
  const lockKey = (namespace: string, hash: string) => `sy:cache-lock:${namespace}:${hash}`;
  const generationOf = (read: Awaited<ReturnType<GuardedStore['get']>>) =>
    read.status === 'value' ? Number(read.value) || 0 : 0;

  return {
    async lookup(namespace: string, hash: string): Promise<CacheHit | undefined> {
      const [raw, generation] = await Promise.all([
        store.get(entryKey(namespace, hash)),
        store.get(generationKey(namespace)),
      ]);
      if (raw.status !== 'value') return undefined;
      let stored: StoredEntry | null;
      try {
        stored = JSON.parse(raw.value) as StoredEntry | null;
      } catch {
        return undefined;
      }
      if (typeof stored !== 'object' || stored === null) return undefined;
      if (stored.generation < generationOf(generation)) return undefined;
      const entry =
        typeof stored.entry === 'string' ? decodeEntry(stored.entry) : entryOf(stored.entry);
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
      const generation = generationOf(await store.get(generationKey(namespace)));
      const value = `{"generation":${JSON.stringify(generation)},"entry":${encodeEntry(entry)}}`;
      if (new TextEncoder().encode(value).byteLength > options.maxEntryBytes) return false;
      const written = await store.set(entryKey(namespace, hash), value, {
        ttlMs: ttlSeconds * 1000,
      });
      return written.status === 'ok' && written.value;
    },

    /** Single flight: one leader per key asks upstream; `lockMs` bounds a leader that vanished. */
    async acquire(namespace: string, hash: string, lockMs: number): Promise<LockResult> {
      const ticket = token();
      const taken = await store.set(lockKey(namespace, hash), ticket, {
        onlyIfAbsent: true,
        ttlMs: lockMs,
      });
      if (taken.status === 'unavailable') return { status: 'unavailable' };
      return taken.value ? { status: 'acquired', token: ticket } : { status: 'held' };
    },

    /** Whether a leader still holds the lock; false when the store cannot tell (fail-open). */
    async isLocked(namespace: string, hash: string): Promise<boolean> {
      return (await store.get(lockKey(namespace, hash))).status === 'value';
    },

    /** Lets go of the lock, only if it still carries this leader's token. */
    async release(namespace: string, hash: string, lockToken: string): Promise<void> {
      await store.deleteIfEquals(lockKey(namespace, hash), lockToken);
    },

    /** Makes every entry of the namespace a miss; the new generation, or undefined if unreachable. */
    async purge(namespace: string): Promise<number | undefined> {
      const bumped = await store.increment(generationKey(namespace));
      return bumped.status === 'ok' ? bumped.value : undefined;
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
