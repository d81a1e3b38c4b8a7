/**
 * The router's shared state: response cache, health windows, counters, keys. Values are
 * strings (JSON where structured). Implementations: in-process (`createMemoryStore`) and
 * Upstash Redis (`createUpstashStore`); requests reach them through `withFailOpen`.
 */
export interface Store {
  readonly kind: 'memory' | 'upstash';
  get(key: string): Promise<string | null>;
  /** Returns false when `onlyIfAbsent` is set and the key exists. */
  set(key: string, value: string, options?: StoreSetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds `by` (default 1) and returns the new value; `ttlMs` applies when the key is created. */
  increment(key: string, by?: number, options?: { ttlMs?: number }): Promise<number>;
  ping(): Promise<void>;
}

export interface StoreSetOptions {
  ttlMs?: number;
  onlyIfAbsent?: boolean;
}
