import { createLru } from '../lru/create-lru.ts';
import type { GuardedStore } from '../store/store-result.ts';
import type { CounterBatch } from './counter-batch.ts';

/** Ok and failed attempts of one target over the breaker's window. */
export interface CircuitCounts {
  ok: number;
  failed: number;
}

export interface CircuitWindow {
  /**
   * Counts one outcome: an ok in the batch (the promise settles at once unless the batch was
   * due), a failure written at once with everything pending. On a failure, also answers the
   * window's totals since `since` (from the isolate's copy when fresh, else one pipelined read
   * after the write); undefined on success.
   */
  add(
    targetId: string,
    outcome: 'ok' | 'failed',
    since: number | undefined,
  ): Promise<CircuitCounts | undefined>;
}

const bucketsPerWindow = 10;

/** The breaker's rolling counts: one hash per target and bucket in the store, shared by isolates. */
export function createCircuitWindow(options: {
  store: GuardedStore;
  counters: CounterBatch;
  windowMs: number;
  cacheTtlMs: number;
  now: () => number;
  maxTargets: number;
}): CircuitWindow {
  const { store, counters, windowMs, cacheTtlMs, now } = options;
  const bucketMs = Math.max(1, Math.floor(windowMs / bucketsPerWindow));
  const copies = createLru<string, { fetchedAt: number; buckets: Map<number, CircuitCounts> }>(
    options.maxTargets,
  );
  const key = (targetId: string, bucket: number) => `sy:circuit-window:${targetId}:${bucket}`;
  const liveBuckets = () => {
    const current = Math.floor(now() / bucketMs);
    return Array.from({ length: bucketsPerWindow }, (_, index) => current - index);
  };

  async function fetch(targetId: string) {
    const buckets = liveBuckets();
    // One round trip for the whole window, not one per bucket.
    const read = await store.getFieldsMany(buckets.map((bucket) => key(targetId, bucket)));
    if (read.status === 'unavailable') return undefined;
    const copy = { fetchedAt: now(), buckets: new Map<number, CircuitCounts>() };
    buckets.forEach((bucket, index) => {
      const fields = read.value[index];
      // Counts added since the flush are not in the store yet, but are this isolate's.
      const pending = counters.pending(key(targetId, bucket));
      const counts = {
        ok: (Number(fields?.ok ?? 0) || 0) + (pending?.ok ?? 0),
        failed: (Number(fields?.failed ?? 0) || 0) + (pending?.failed ?? 0),
      };
      // A bucket nobody wrote to counts nothing, so it needs no entry.
      if (counts.ok !== 0 || counts.failed !== 0) copy.buckets.set(bucket, counts);
    });
    return copy;
  }

  const addTo = (
    copy: { buckets: Map<number, CircuitCounts> },
    bucket: number,
    outcome: 'ok' | 'failed',
  ) => {
    const counts = copy.buckets.get(bucket) ?? { ok: 0, failed: 0 };
    counts[outcome] += 1;
    copy.buckets.set(bucket, counts);
  };

  return {
    async add(targetId, outcome, since) {
      const bucket = Math.floor(now() / bucketMs);
      const due = counters.add(key(targetId, bucket), { [outcome]: 1 }, windowMs + bucketMs);
      if (outcome === 'ok') {
        const copy = copies.get(targetId) ?? { fetchedAt: now(), buckets: new Map() };
        addTo(copy, bucket, outcome);
        copies.set(targetId, copy);
        await due;
        return undefined;
      }
      // A failure may open the circuit: it goes out at once with every pending count, so the
      // window read after it is exact.
      const written = await (due ?? counters.flush());
      let copy = copies.get(targetId);
      const stale = copy === undefined || now() - copy.fetchedAt >= cacheTtlMs;
      const fetched = stale && written.status === 'ok' ? await fetch(targetId) : undefined;
      if (fetched !== undefined) copy = fetched;
      else {
        // Without the store, this isolate's own counts still open the circuit.
        copy ??= { fetchedAt: now(), buckets: new Map() };
        addTo(copy, bucket, outcome);
      }
      copies.set(targetId, copy);
      const first =
        since === undefined ? Number.NEGATIVE_INFINITY : Math.floor(since / bucketMs) + 1;
      const live = new Set(liveBuckets());
      const total = { ok: 0, failed: 0 };
      for (const [index, counts] of copy.buckets) {
        if (!live.has(index) || index < first) continue;
        total.ok += counts.ok;
        total.failed += counts.failed;
      }
      return total;
    },
  };
}
