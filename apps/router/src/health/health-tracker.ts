import { createLru } from '../lru/create-lru.ts';
import type { GuardedStore } from '../store/store-result.ts';
import {
  counterNames,
  countersOf,
  emptyCounters,
  type HealthCounters,
  type HealthSample,
  type HealthStats,
  statsOf,
} from './health-sample.ts';

export interface HealthTrackerOptions {
  store: GuardedStore;
  /** The rolling window (default 5 minutes), kept as one bucket per `bucketMs`. */
  windowMs?: number;
  bucketMs?: number;
  /** How long an isolate trusts its copy of the shared windows. */
  cacheTtlMs?: number;
  now?: () => number;
}

export interface HealthTracker {
  /** Counts an attempt; the returned promise is the shared write (hand it to waitUntil). */
  record(targetId: string, sample: HealthSample): Promise<void>;
  /**
   * Current windows of the targets, from the isolate's copy when it is fresh enough. With
   * `since`, only buckets that start after that time count (a closed circuit starts afresh).
   */
  stats(
    targetIds: string[],
    since?: ReadonlyMap<string, number>,
  ): Promise<Map<string, HealthStats>>;
}

interface CachedWindow {
  fetchedAt: number;
  /** Buckets by index, as last read from the store plus this isolate's writes since. */
  buckets: Map<number, HealthCounters>;
}

/** Most targets whose windows one isolate keeps a copy of. */
const maxCachedTargets = 256;

/**
 * Rolling per-target health windows shared by every isolate through the store: one hash per
 * target and bucket, its counters incremented together and expiring after the window, so a
 * sample is one write and a window one pipelined read. Reads go through a short-lived
 * in-isolate copy (bounded) that also sees this isolate's own writes at once.
 */
export function createHealthTracker(options: HealthTrackerOptions): HealthTracker {
  const windowMs = options.windowMs ?? 300_000;
  const bucketMs = options.bucketMs ?? 30_000;
  const cacheTtlMs = options.cacheTtlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const bucketCount = Math.ceil(windowMs / bucketMs);
  const cache = createLru<string, CachedWindow>(maxCachedTargets);
  const key = (targetId: string, bucket: number) => `sy:health:${targetId}:${bucket}`;

  const liveBuckets = () => {
    const current = Math.floor(now() / bucketMs);
    return Array.from({ length: bucketCount }, (_, index) => current - index);
  };

  async function fetchWindow(targetId: string, previous: CachedWindow | undefined) {
    const buckets = liveBuckets();
    // One round trip for the whole window, not one per bucket.
    const read = await options.store.getFieldsMany(buckets.map((bucket) => key(targetId, bucket)));
    // An unreadable store keeps what this isolate knew: health is advisory, never a failure.
    if (read.status === 'unavailable') return previous ?? emptyWindow(now());
    const window: CachedWindow = { fetchedAt: now(), buckets: new Map() };
    buckets.forEach((bucket, index) => {
      const fields = read.value[index] ?? {};
      const counters = emptyCounters();
      for (const counter of counterNames) counters[counter] = Number(fields[counter] ?? 0) || 0;
      window.buckets.set(bucket, counters);
    });
    return window;
  }

  return {
    async record(targetId, sample) {
      const added = countersOf(sample);
      const bucket = Math.floor(now() / bucketMs);
      const cached = cache.get(targetId);
      if (cached !== undefined) {
        const counters = cached.buckets.get(bucket) ?? emptyCounters();
        for (const counter of counterNames) counters[counter] += added[counter];
        cached.buckets.set(bucket, counters);
      }
      const amounts = Object.fromEntries(
        counterNames.filter((counter) => added[counter] !== 0).map((c) => [c, added[c]]),
      );
      await options.store.incrementFields(key(targetId, bucket), amounts, {
        ttlMs: windowMs + bucketMs,
      });
    },

    async stats(targetIds, since) {
      const fresh = now() - cacheTtlMs;
      await Promise.all(
        targetIds.map(async (targetId) => {
          const cached = cache.get(targetId);
          if (cached === undefined || cached.fetchedAt < fresh) {
            cache.set(targetId, await fetchWindow(targetId, cached));
          }
        }),
      );
      const live = new Set(liveBuckets());
      return new Map(
        targetIds.map((targetId) => {
          const total = emptyCounters();
          const firstBucket = Math.floor((since?.get(targetId) ?? 0) / bucketMs) + 1;
          for (const [bucket, counters] of cache.get(targetId)?.buckets ?? []) {
            if (!live.has(bucket) || (since?.has(targetId) && bucket < firstBucket)) continue;
            for (const counter of counterNames) total[counter] += counters[counter];
          }
          return [targetId, statsOf(total)];
        }),
      );
    },
  };
}

const emptyWindow = (fetchedAt: number): CachedWindow => ({ fetchedAt, buckets: new Map() });
