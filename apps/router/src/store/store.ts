/**
 * The router's shared state: response cache, health windows, counters, keys. Values are
 * strings (JSON where structured) and come back exactly as stored. Implementations: in-process
 * (`createMemoryStore`) and Upstash Redis (`createUpstashStore`); requests reach them through
 * `withFailOpen`, so a slow or failing store degrades to a miss instead of failing the request.
 *
 * @example
 * const store = withFailOpen(createMemoryStore(), { timeBudgetMs: 50 });
 * await store.set('cache:abc', JSON.stringify(result), { ttlMs: 60_000 });
 * const hits = await store.increment('rate:key-1:2026-11-21T10:05', 1, { ttlMs: 60_000 });
 */
export interface Store {
  readonly kind: 'memory' | 'upstash';
  /** The stored string, or null when the key is missing or expired. */
  get(key: string): Promise<string | null>;
  /**
   * Stores `value`, replacing any previous value and its expiry. Returns false (and changes
   * nothing) when `onlyIfAbsent` is set and the key exists.
   */
  set(key: string, value: string, options?: StoreSetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Atomically adds `by` (a safe integer, default 1; negative subtracts) and returns the new
   * value. A missing key counts as 0. `ttlMs` applies only when this call creates the key: later
   * increments never extend the expiry (fixed windows). Rejects when the key holds a value that
   * is not an integer.
   */
  increment(key: string, by?: number, options?: { ttlMs?: number }): Promise<number>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
}

export interface StoreSetOptions {
  /** Expiry in milliseconds (positive; fractions round up). No expiry when omitted. */
  ttlMs?: number;
  onlyIfAbsent?: boolean;
}
