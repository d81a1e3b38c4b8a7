import { createLru } from '../lru/create-lru.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { type CounterBatch, createCounterBatch } from './counter-batch.ts';
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
  /** Where samples wait to be written (shared with the circuit breaker: one write for both). */
  counters?: CounterBatch;
  /** The rolling window (default 5 minutes), kept as one bucket per `bucketMs`. */
  windowMs?: number;
  bucketMs?: number;
  /** How long an isolate trusts its copy of the shared windows. */
  cacheTtlMs?: number;
  now?: () => number;
}

export interface HealthTracker {
  /** Counts an attempt; the returned promise is the batch's flush when due (hand it to waitUntil). */
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
 * target and bucket, its counters incremented together and expiring after the window, so
 * samples are batched writes (see `createCounterBatch`) and a window one pipelined read. Reads
 * go through a short-lived in-isolate copy (bounded) that also sees this isolate's own samples
 * at once, written or still pending.
 */
export function createHealthTracker(options: HealthTrackerOptions): HealthTracker {
  const windowMs = options.windowMs ?? 300_000;
  const bucketMs = options.bucketMs ?? 30_000;
  const cacheTtlMs = options.cacheTtlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const bucketCount = Math.ceil(windowMs / bucketMs);
  const cache = createLru<string, CachedWindow>(maxCachedTargets);
  const counters = options.counters ?? createCounterBatch({ store: options.store, now });
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
      // Samples added since the flush are not in the store yet, but are this isolate's.
      const pending = counters.pending(key(targetId, bucket));
      const sums = emptyCounters();
      for (const counter of counterNames) {
        sums[counter] = (Number(fields[counter] ?? 0) || 0) + (pending?.[counter] ?? 0);
      }
      window.buckets.set(bucket, sums);
    });
    return window;
  }

  return {
    async record(targetId, sample) {
      const added = countersOf(sample);
      const bucket = Math.floor(now() / bucketMs);
      const cached = cache.get(targetId);
      if (cached !== undefined) {
        const sums = cached.buckets.get(bucket) ?? emptyCounters();
        for (const counter of counterNames) sums[counter] += added[counter];
        cached.buckets.set(bucket, sums);
      }
      const amounts = Object.fromEntries(counterNames.map((counter) => [counter, added[counter]]));
      await counters.add(key(targetId, bucket), amounts, windowMs + bucketMs);
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
