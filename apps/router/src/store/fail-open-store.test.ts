import {
  type RedisServer,
  startRedisServer,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit/redis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withFailOpen } from './fail-open-store.ts';
import { createMemoryStore } from './memory-store.ts';
import type { Store } from './store.ts';
import { StoreUnavailableError } from './store-unavailable-error.ts';
import { createUpstashStore } from './upstash-store.ts';

const never = () => new Promise<never>(() => {});

/** A store whose every operation behaves as `behave` says. */
function fakeStore(behave: () => Promise<never>): Store {
  return {
    kind: 'upstash',
    get: behave,
    set: behave,
    delete: behave,
    increment: behave,
    ping: behave,
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('withFailOpen', () => {
  it('passes results through when the store answers in time', async () => {
    const store = withFailOpen(createMemoryStore(), { timeBudgetMs: 1_000 });
    expect(store.kind).toBe('memory');
    expect(await store.set('k', 'v', { onlyIfAbsent: true })).toBe(true);
    expect(await store.set('k', 'w', { onlyIfAbsent: true })).toBe(false);
    expect(await store.get('k')).toBe('v');
    expect(await store.increment('n', 2)).toBe(2);
    await store.delete('k');
    expect(await store.get('k')).toBeNull();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('answers a miss when the store rejects, and reports each failure', async () => {
    const onError = vi.fn();
    const failure = new Error('connection refused');
    const store = withFailOpen(
      fakeStore(() => Promise.reject(failure)),
      { timeBudgetMs: 1_000, onError },
    );
    expect(await store.get('k')).toBeNull();
    expect(await store.set('k', 'v')).toBe(false);
    expect(await store.delete('k')).toBeUndefined();
    expect(onError.mock.calls.map(([, operation]) => operation)).toEqual(['get', 'set', 'delete']);
    const [error] = onError.mock.calls[0] ?? [];
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.cause).toBe(failure);
  });

  it('treats a store that throws synchronously like one that rejects', async () => {
    const store = withFailOpen(
      fakeStore(() => {
        throw new Error('sync');
      }),
      { timeBudgetMs: 1_000 },
    );
    expect(await store.get('k')).toBeNull();
    await expect(store.increment('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rethrows increment and ping failures as a retryable 503 StoreUnavailableError', async () => {
    const onError = vi.fn();
    const store = withFailOpen(
      fakeStore(() => Promise.reject(new Error('ERR secret-key value'))),
      { timeBudgetMs: 1_000, onError },
    );
    const error = await store
      .increment('k', 1, { ttlMs: 1_000 })
      .catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    if (!StoreUnavailableError.isInstance(error)) return;
    expect(error).toMatchObject({
      statusCode: 503,
      type: 'api_error',
      code: 'store_unavailable',
      isRetryable: true,
      operation: 'increment',
    });
    expect(error.message).not.toContain('secret');
    expect(error.toJSON().error.code).toBe('store_unavailable');
    await expect(store.ping()).rejects.toMatchObject({ operation: 'ping' });
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('gives up on a store that does not answer within the budget', async () => {
    const onError = vi.fn();
    const store = withFailOpen(fakeStore(never), { timeBudgetMs: 30, onError });
    const { value, ms } = await timed(() => store.get('k'));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(2_000);
    expect(await store.set('k', 'v')).toBe(false);
    await expect(store.increment('k')).rejects.toMatchObject({ timeoutMs: 30 });
    expect(onError).toHaveBeenCalledTimes(3);
  });

  it('ignores an inner call that rejects after the budget (no unhandled rejection)', async () => {
    const late = () =>
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 60));
    const store = withFailOpen(fakeStore(late), { timeBudgetMs: 10 });
    expect(await store.get('k')).toBeNull();
    await expect(store.increment('k')).rejects.toBeInstanceOf(StoreUnavailableError);
    // Vitest fails the run on an unhandled rejection; give the late ones time to land.
    await new Promise((resolve) => setTimeout(resolve, 120));
  });

  it('keeps failing open when onError itself throws', async () => {
    const store = withFailOpen(
      fakeStore(() => Promise.reject(new Error('down'))),
      {
        timeBudgetMs: 1_000,
        onError: () => {
          throw new Error('logger broke');
        },
      },
    );
    expect(await store.get('k')).toBeNull();
    await expect(store.increment('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rejects a budget that is not a positive number', () => {
    expect(() => withFailOpen(createMemoryStore(), { timeBudgetMs: 0 })).toThrow(RangeError);
  });
});

describe('withFailOpen over Upstash', () => {
  let server: RedisServer;
  let bridge: UpstashBridge;

  beforeEach(async () => {
    server = await startRedisServer();
    bridge = await startUpstashBridge({ redisUrl: server.url });
  });

  afterEach(async () => {
    await bridge.close();
    await server.stop();
  });

  const upstash = (timeBudgetMs: number) =>
    withFailOpen(createUpstashStore({ url: bridge.url, token: bridge.token }), { timeBudgetMs });

  it('answers a miss within about the budget when Upstash is slow', async () => {
    const store = upstash(100);
    await store.set('k', 'v');
    bridge.setDelay(3_000);
    const { value, ms } = await timed(() => store.get('k'));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(2_000);
    await expect(store.increment('n')).rejects.toBeInstanceOf(StoreUnavailableError);
    bridge.setDelay(0);
    expect(await store.get('k')).toBe('v');
  });

  it('answers misses and rejects increments once Redis has stopped', async () => {
    const store = upstash(1_000);
    await store.set('k', 'v');
    await server.stop();
    expect(await store.get('k')).toBeNull();
    expect(await store.set('k', 'w')).toBe(false);
    await expect(store.delete('k')).resolves.toBeUndefined();
    await expect(store.increment('n')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('answers a miss within the budget when Upstash drops connections', async () => {
    const store = upstash(200);
    bridge.setFailure('drop');
    const { value, ms } = await timed(() => store.get('k'));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(2_000);
  });
});
