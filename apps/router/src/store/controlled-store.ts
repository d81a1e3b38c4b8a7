import { createMemoryStore } from './memory-store.ts';
import type { Store } from './store.ts';
import type { StoreOperation } from './store-unavailable-error.ts';

/**
 * How the controlled store answers: like a memory store, by rejecting, by throwing before it
 * returns a promise, by never answering, or by holding each call until the test releases it.
 */
export type ControlledMode = 'answer' | 'reject' | 'throw' | 'hang' | 'hold';

/** A call held in `hold` mode: release it to answer, or fail it to reject. */
export interface HeldCall {
  operation: StoreOperation;
  release(): void;
  fail(error: Error): void;
}

/**
 * A test double for guard tests: records every call that reaches it and answers as `mode` says.
 *
 * @example
 * const controlled = createControlledStore('reject');
 * const store = guardStore(controlled.store, { timeBudgetMs: 1_000 });
 * await store.get('k'); // unavailable; controlled.calls is ['get']
 */
export function createControlledStore(initialMode: ControlledMode = 'answer') {
  const inner = createMemoryStore();
  const calls: StoreOperation[] = [];
  const held: HeldCall[] = [];
  const failure = new Error('connection refused');
  let mode = initialMode;

  function reach<T>(operation: StoreOperation, answer: () => Promise<T>): Promise<T> {
    calls.push(operation);
    if (mode === 'throw') throw failure;
    if (mode === 'reject') return Promise.reject(failure);
    if (mode === 'hang') return new Promise<T>(() => {});
    if (mode === 'answer') return answer();
    return new Promise<T>((resolve, reject) => {
      held.push({ operation, release: () => answer().then(resolve, reject), fail: reject });
    });
  }

  const store: Store = {
    kind: 'upstash',
    get: (key) => reach('get', () => inner.get(key)),
    set: (key, value, options) => reach('set', () => inner.set(key, value, options)),
    delete: (key) => reach('delete', () => inner.delete(key)),
    deleteIfEquals: (key, value) => reach('deleteIfEquals', () => inner.deleteIfEquals(key, value)),
    increment: (key, by, options) => reach('increment', () => inner.increment(key, by, options)),
    incrementFields: (key, amounts, options) =>
      reach('incrementFields', () => inner.incrementFields(key, amounts, options)),
    getFields: (key) => reach('getFields', () => inner.getFields(key)),
    getFieldsMany: (keys) => reach('getFieldsMany', () => inner.getFieldsMany(keys)),
    runScript: (script, keys, args) =>
      reach('runScript', () => inner.runScript(script, keys, args)),
    ping: () => reach('ping', () => inner.ping()),
  };

  return {
    store,
    calls,
    held,
    failure,
    setMode(next: ControlledMode) {
      mode = next;
    },
  };
}
