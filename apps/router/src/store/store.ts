import type { StoreScript } from './store-script.ts';

/**
 * The router's shared state: response cache, health windows, circuits, counters, keys. Values are
 * strings (JSON where structured) and come back exactly as stored. Implementations: in-process
 * (`createMemoryStore`), Upstash Redis (`createUpstashStore`) and, on Node only, plain Redis
 * (`createRedisStore` in `redis-store.ts`, not exported here). A `Store` throws when the
 * backend fails; requests reach it through `guardStore`, whose calls return explicit results
 * (value, absent or unavailable) so each caller decides whether to fail open or closed. A call
 * refused for its arguments or the data at its key rejects with `StoreRefusedError`; any other
 * rejection means the store could not answer.
 *
 * @example
 * const store = guardStore(createMemoryStore(), { timeBudgetMs: 50 });
 * await store.set('cache:abc', JSON.stringify(result), { ttlMs: 60_000 });
 * const read = await store.get('cache:abc'); // { status: 'value', value } | { status: 'absent' } | ...
 */
export interface Store {
  readonly kind: 'memory' | 'upstash' | 'redis';
  /** The stored string, or null when the key is missing or expired. */
  get(key: string): Promise<string | null>;
  /**
   * Stores `value`, replacing any previous value and its expiry. Returns false (and changes
   * nothing) when `onlyIfAbsent` is set and the key exists.
   */
  set(key: string, value: string, options?: StoreSetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Deletes `key` only while it holds exactly `value` (compare-and-delete, atomic): a lock is
   * released only by the holder whose token it still carries. True when it deleted the key.
   */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /**
   * Atomically adds `by` (a safe integer, default 1; negative subtracts) and returns the new
   * value. A missing key counts as 0. `ttlMs` applies only when this call creates the key: later
   * increments never extend the expiry (fixed windows). Rejects when the key holds a value that
   * is not an integer.
   */
  increment(key: string, by?: number, options?: { ttlMs?: number }): Promise<number>;
  /**
   * Adds each amount (safe integers) to its field of the hash at `key`, all in one atomic step;
   * a missing hash or field counts as 0. `ttlMs` applies only when this call creates the hash.
   */
  incrementFields(
    key: string,
    amounts: Readonly<Record<string, number>>,
    options?: { ttlMs?: number },
  ): Promise<void>;
  /** Every field of the hash at `key` (an empty object when it does not exist). */
  getFields(key: string): Promise<Record<string, string>>;
  /**
   * `getFields` of each key, in the order of `keys`, in one round trip (a rolling window's
   * buckets). Rejects when any key holds a string.
   */
  getFieldsMany(keys: readonly string[]): Promise<Record<string, string>[]>;
  /**
   * Runs `script` atomically (Lua through EVALSHA on Redis, its JavaScript twin in process) and
   * returns its parsed reply. Errors the script raises on purpose reject as `StoreRefusedError`
   * (see `StoreScript`); writes it made before the error stay, as in Redis.
   */
  runScript<Result>(
    script: StoreScript<Result>,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<Result>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
}

export interface StoreSetOptions {
  /** Expiry in milliseconds (positive; fractions round up). No expiry when omitted. */
  ttlMs?: number;
  onlyIfAbsent?: boolean;
}
