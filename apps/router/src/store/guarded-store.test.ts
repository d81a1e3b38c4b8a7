import { describe, expect, it, vi } from 'vitest';
import { createControlledStore } from './controlled-store.ts';
import { guardStore } from './guarded-store.ts';
import { createMemoryStore } from './memory-store.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import type { GuardedStore } from './store-result.ts';
import { StoreUnavailableError } from './store-unavailable-error.ts';

/** One call of every operation, in a fixed order. */
function callEveryOperation(store: GuardedStore) {
  return Promise.all([
    store.get('k'),
    store.set('k', 'v'),
    store.delete('k'),
    store.deleteIfEquals('k', 'v'),
    store.increment('n'),
    store.incrementFields('h', { a: 1 }),
    store.getFields('h'),
    store.getFieldsMany(['h', 'g']),
    store.ping(),
  ]);
}

const everyOperation = [
  'get',
  'set',
  'delete',
  'deleteIfEquals',
  'increment',
  'incrementFields',
  'getFields',
  'getFieldsMany',
  'ping',
];

const manyFailures = { failureThreshold: 1_000 };

describe('guardStore', () => {
  it('answers values, absences and write results when the store answers in time', async () => {
    const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 });
    expect(store.kind).toBe('memory');
    expect(await store.get('k')).toEqual({ status: 'absent' });
    expect(await store.set('k', 'v', { onlyIfAbsent: true })).toEqual({
      status: 'ok',
      value: true,
    });
    expect(await store.set('k', 'w', { onlyIfAbsent: true })).toEqual({
      status: 'ok',
      value: false,
    });
    expect(await store.get('k')).toEqual({ status: 'value', value: 'v' });
    expect(await store.deleteIfEquals('k', 'w')).toEqual({ status: 'ok', value: false });
    expect(await store.deleteIfEquals('k', 'v')).toEqual({ status: 'ok', value: true });
    expect(await store.increment('n', 2)).toEqual({ status: 'ok', value: 2 });
    expect(await store.getFields('h')).toEqual({ status: 'absent' });
    expect(await store.incrementFields('h', { a: 1 })).toEqual({ status: 'ok', value: undefined });
    expect(await store.getFields('h')).toEqual({ status: 'value', value: { a: '1' } });
    expect(await store.getFieldsMany(['h', 'g'])).toEqual({
      status: 'ok',
      value: [{ a: '1' }, {}],
    });
    expect(await store.delete('n')).toEqual({ status: 'ok', value: undefined });
    expect(await store.ping()).toEqual({ status: 'ok', value: undefined });
  });

  it('answers unavailable when the store rejects, reporting each failure once', async () => {
    const controlled = createControlledStore('reject');
    const onError = vi.fn();
    const store = guardStore(controlled.store, {
      timeBudgetMs: 1_000,
      onError,
      breaker: manyFailures,
    });
    const results = await callEveryOperation(store);
    expect(results.map((result) => result.status)).toEqual(everyOperation.map(() => 'unavailable'));
    expect(onError.mock.calls.map(([, operation]) => operation)).toEqual(everyOperation);
    const [error] = onError.mock.calls[0] ?? [];
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({
      cause: controlled.failure,
      operation: 'get',
      circuitOpen: false,
    });
    expect(results[0]).toEqual({ status: 'unavailable', error });
  });

  it('reports a retryable 503 whose message leaves out the inner error', async () => {
    const controlled = createControlledStore('reject');
    const store = guardStore(controlled.store, { timeBudgetMs: 1_000 });
    const result = await store.increment('k', 1, { ttlMs: 1_000 });
    if (result.status !== 'unavailable') throw new Error('expected unavailable');
    expect(result.error).toMatchObject({
      statusCode: 503,
      type: 'api_error',
      code: 'store_unavailable',
      isRetryable: true,
      operation: 'increment',
    });
    expect(result.error.message).not.toContain('connection refused');
    expect(result.error.toJSON().error.code).toBe('store_unavailable');
  });

  it('treats a store that throws synchronously like one that rejects', async () => {
    const controlled = createControlledStore('throw');
    const store = guardStore(controlled.store, { timeBudgetMs: 1_000, breaker: manyFailures });
    const results = await callEveryOperation(store);
    expect(results.every((result) => result.status === 'unavailable')).toBe(true);
  });

  it('answers unavailable for arguments the store refuses, without throwing', async () => {
    const onError = vi.fn();
    const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000, onError });
    const result = await store.increment('n', 1.5);
    expect(result).toMatchObject({
      status: 'unavailable',
      error: { cause: expect.any(StoreRefusedError) },
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('answers unavailable within the budget when the store never answers', async () => {
    const onError = vi.fn();
    const store = guardStore(createControlledStore('hang').store, { timeBudgetMs: 30, onError });
    const started = performance.now();
    const result = await store.get('k');
    // Generous: the point is that it answers at all, not how precisely.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ status: 'unavailable', error: { timeoutMs: 30 } });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('ignores an inner call that settles after the budget, leaving nothing unhandled', async () => {
    const controlled = createControlledStore('hold');
    const onError = vi.fn();
    const store = guardStore(controlled.store, { timeBudgetMs: 10, onError });
    expect(await store.get('k')).toMatchObject({ status: 'unavailable' });
    expect(await store.set('k', 'v')).toMatchObject({ status: 'unavailable' });
    controlled.held[0]?.fail(new Error('late'));
    controlled.held[1]?.release();
    // Vitest fails the run on an unhandled rejection; let the late outcomes land first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('keeps answering when onError itself throws', async () => {
    const store = guardStore(createControlledStore('reject').store, {
      timeBudgetMs: 1_000,
      onError: () => {
        throw new Error('logger broke');
      },
    });
    expect(await store.get('k')).toMatchObject({ status: 'unavailable' });
  });

  it.each([
    { timeBudgetMs: 0 },
    { timeBudgetMs: -1 },
    { timeBudgetMs: Number.NaN },
    { timeBudgetMs: Number.POSITIVE_INFINITY },
    { timeBudgetMs: 50, breaker: { failureThreshold: 0 } },
    { timeBudgetMs: 50, breaker: { failureThreshold: 1.5 } },
    { timeBudgetMs: 50, breaker: { cooldownMs: 0 } },
    { timeBudgetMs: 50, breaker: { cooldownMs: Number.NaN } },
  ])('rejects invalid options %o', (options) => {
    expect(() => guardStore(createMemoryStore(), options)).toThrow(RangeError);
  });
});
