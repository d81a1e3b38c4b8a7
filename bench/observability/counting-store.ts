import type { Store } from '../../apps/router/src/store/store.ts';

/** Store calls by operation (scripts by their name); each call is one round trip. */
export interface StoreCalls {
  total: number;
  byName: Record<string, number>;
}

/**
 * `store` with every call counted: the in-process store and the Redis store make one round trip
 * (or one synchronous step) per call, so calls are round trips.
 * @example const { store, calls, reset } = countingStore(createRedisStore({ url }));
 */
export function countingStore(inner: Store): {
  store: Store;
  calls: () => StoreCalls;
  reset: () => void;
} {
  let counts: StoreCalls = { total: 0, byName: {} };
  const count = (name: string) => {
    counts.total += 1;
    counts.byName[name] = (counts.byName[name] ?? 0) + 1;
  };
  const counted = <T>(name: string, call: () => Promise<T>): Promise<T> => {
    count(name);
    return call();
  };
  const store: Store = {
    kind: inner.kind,
    get: (key) => counted('get', () => inner.get(key)),
    set: (key, value, options) => counted('set', () => inner.set(key, value, options)),
    delete: (key) => counted('delete', () => inner.delete(key)),
    deleteIfEquals: (key, value) =>
      counted('deleteIfEquals', () => inner.deleteIfEquals(key, value)),
    increment: (key, by, options) => counted('increment', () => inner.increment(key, by, options)),
    incrementFields: (key, amounts, options) =>
      counted('incrementFields', () => inner.incrementFields(key, amounts, options)),
    getFields: (key) => counted('getFields', () => inner.getFields(key)),
    getFieldsMany: (keys) => counted('getFieldsMany', () => inner.getFieldsMany(keys)),
    runScript: (script, keys, args) =>
      counted(`script:${script.name}`, () => inner.runScript(script, keys, args)),
    ping: () => counted('ping', () => inner.ping()),
  };
  return {
    store,
    calls: () => ({ total: counts.total, byName: { ...counts.byName } }),
    reset: () => {
      counts = { total: 0, byName: {} };
    },
  };
}
