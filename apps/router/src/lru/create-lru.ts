/**
 * A small least-recently-used map: every in-memory cache keyed by request input goes through
 * one, so no caller-chosen id can grow memory without bound.
 * @example const prices = createLru<string, number>(1_000); prices.set('a', 1); prices.get('a');
 */
export interface Lru<Key, Value> {
  get(key: Key): Value | undefined;
  has(key: Key): boolean;
  set(key: Key, value: Value): void;
  delete(key: Key): void;
  readonly size: number;
}

export function createLru<Key, Value>(maxEntries: number): Lru<Key, Value> {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  // Map order is recency order: a read moves its key to the end, the first key is the oldest.
  const entries = new Map<Key, Value>();
  return {
    get(key) {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as Value;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    has: (key) => entries.has(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as Key);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
