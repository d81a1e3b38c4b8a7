import type { GuardedStore, StoreResult } from '../store/store-result.ts';
import {
  type HashIncrement,
  incrementHashesArguments,
  incrementHashesScript,
} from './increment-hashes-script.ts';

export interface CounterBatchOptions {
  store: GuardedStore;
  /** An `add` flushes once the oldest pending increment is this old (default 1 s). */
  flushIntervalMs?: number;
  /** An `add` that brings the pending hashes to this many flushes them (default 64): the bound. */
  maxPendingKeys?: number;
  /**
   * Also flush on an unref'd timer, so a quiet process writes its counts within the interval.
   * Node only: on Workers an isolate may be frozen after a response, and its timers with it.
   */
  timer?: boolean;
  now?: () => number;
}

export interface CounterBatch {
  /**
   * Adds `amounts` to the fields of the hash at `key` in memory; `ttlMs` is its expiry when the
   * flush creates it. Returns the flush this add made due (hand it to waitUntil), else undefined.
   */
  add(
    key: string,
    amounts: Readonly<Record<string, number>>,
    ttlMs: number,
  ): Promise<StoreResult<void>> | undefined;
  /** What `key` has pending (not yet sent), for an isolate's copy read back from the store. */
  pending(key: string): Readonly<Record<string, number>> | undefined;
  /**
   * Writes everything pending in one round trip and resolves once it and every earlier flush
   * have settled: `ok` when all of them reached the store.
   */
  flush(): Promise<StoreResult<void>>;
}

/** Flushing once a second turns a busy isolate's per-request writes into one write a second. */
const defaultFlushIntervalMs = 1_000;
// Two hashes per busy target (health and circuit buckets); pass-through model ids can add many.
const defaultMaxPendingKeys = 64;
const written: StoreResult<void> = { status: 'ok', value: undefined };

/**
 * Write-behind counters: increments of a hash's fields are summed in memory and written
 * together, all hashes in one store call, when a request finds the batch old or full (there
 * are no reliable timers after a response on Workers, so requests drive the flushes).
 *
 * @example
 * const counters = createCounterBatch({ store });
 * const due = counters.add('sy:health:a/x:33', { ok: 1, latencyMs: 120 }, 330_000);
 * if (due) waitUntil(due);
 */
export function createCounterBatch(options: CounterBatchOptions): CounterBatch {
  const { store } = options;
  const flushIntervalMs = options.flushIntervalMs ?? defaultFlushIntervalMs;
  const maxPendingKeys = options.maxPendingKeys ?? defaultMaxPendingKeys;
  const now = options.now ?? Date.now;
  let pending = new Map<string, HashIncrement & { amounts: Record<string, number> }>();
  let oldestAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const inFlight = new Set<Promise<StoreResult<void>>>();

  async function write(batch: HashIncrement[]): Promise<StoreResult<void>> {
    const increments = batch.filter((entry) => Object.keys(entry.amounts).length > 0);
    if (increments.length === 0) return written;
    const { keys, args } = incrementHashesArguments(increments);
    const result = await store.runScript(incrementHashesScript, keys, args);
    // A failed batch is dropped, not merged back: a timed-out call may still land (the guard
    // lets it run), so a retry could count twice; the isolate's copies keep the counts, and
    // health is advisory. While the store is down its breaker answers at once, so nothing piles up.
    return result.status === 'ok' ? written : result;
  }

  function flush(): Promise<StoreResult<void>> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const earlier = [...inFlight];
    const sending = write([...pending.values()]);
    pending = new Map();
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
    return Promise.all([...earlier, sending]).then(
      (results) => results.find((result) => result.status === 'unavailable') ?? written,
    );
  }

  return {
    add(key, amounts, ttlMs) {
      if (pending.size === 0) {
        oldestAt = now();
        if (options.timer) {
          timer = setTimeout(() => void flush(), flushIntervalMs);
          timer.unref?.();
        }
      }
      const entry = pending.get(key) ?? { key, amounts: {}, ttlMs };
      for (const [field, amount] of Object.entries(amounts)) {
        if (amount !== 0) entry.amounts[field] = (entry.amounts[field] ?? 0) + amount;
      }
      pending.set(key, entry);
      const due = pending.size >= maxPendingKeys || now() - oldestAt >= flushIntervalMs;
      return due ? flush() : undefined;
    },
    pending: (key) => pending.get(key)?.amounts,
    flush,
  };
}
