import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createUpstashStore, guardStore, StoreRefusedError } from '../../src/store/index.ts';
import { describeStoreContract } from '../../src/store/store-contract.ts';
import {
  commandScript,
  refuseAfterWriteScript,
} from '../../src/store/store-contract-script-catalogue.ts';

const bindings = env as { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };

const upstash = () =>
  createUpstashStore({
    url: bindings.UPSTASH_REDIS_REST_URL,
    token: bindings.UPSTASH_REDIS_REST_TOKEN,
  });

// The same contract the Node tests hold the stores to, from inside workerd, against a real
// redis-server behind the Upstash REST protocol.
describeStoreContract('Upstash store in workerd', upstash, 'upstash');

/** A store whose `get` never answers and whose other operations fail, counting calls. */
function brokenStore() {
  const broken = { calls: 0, store: upstash() };
  const fail = () => {
    broken.calls += 1;
    return Promise.reject(new Error('connection refused'));
  };
  broken.store = {
    ...broken.store,
    get: () => {
      broken.calls += 1;
      return new Promise<never>(() => {});
    },
    getFields: fail,
    ping: fail,
  };
  return broken;
}

describe('guardStore in workerd', () => {
  it('answers values and absences from Upstash', async () => {
    const store = guardStore(upstash(), { timeBudgetMs: 5_000 });
    const key = `guarded:${crypto.randomUUID()}`;
    expect(await store.getFields(key)).toEqual({ status: 'absent' });
    expect(await store.incrementFields(key, { n: 2 }, { ttlMs: 60_000 })).toEqual({
      status: 'ok',
      value: undefined,
    });
    expect(await store.getFields(key)).toEqual({ status: 'value', value: { n: '2' } });
    expect(await store.get(`${key}:missing`)).toEqual({ status: 'absent' });
  });

  it('answers within the budget, then stops calling a failing store after three failures', async () => {
    const broken = brokenStore();
    const store = guardStore(broken.store, { timeBudgetMs: 20 });
    expect(await store.get('k')).toMatchObject({ status: 'unavailable', error: { timeoutMs: 20 } });
    expect(await store.ping()).toMatchObject({ status: 'unavailable' });
    expect(await store.getFields('h')).toMatchObject({ status: 'unavailable' });
    const results = await Promise.all(Array.from({ length: 10 }, () => store.get('k')));
    for (const result of results) {
      expect(result).toMatchObject({ status: 'unavailable', error: { circuitOpen: true } });
    }
    expect(broken.calls).toBe(3);
  });

  it('answers the hashes of many keys, and refusals on one bad key never cut the store off', async () => {
    const store = guardStore(upstash(), { timeBudgetMs: 5_000 });
    const key = `guarded:${crypto.randomUUID()}`;
    await store.incrementFields(`${key}:hash`, { n: 1 }, { ttlMs: 60_000 });
    await store.set(`${key}:text`, 'abc', { ttlMs: 60_000 });
    for (let index = 0; index < 4; index += 1) {
      expect(await store.getFieldsMany([`${key}:hash`, `${key}:text`])).toMatchObject({
        status: 'unavailable',
        error: { circuitOpen: false, cause: expect.any(StoreRefusedError) },
      });
    }
    expect(await store.getFieldsMany([`${key}:hash`, `${key}:none`])).toEqual({
      status: 'ok',
      value: [{ n: '1' }, {}],
    });
  });

  it('answers a script that refuses on purpose unavailable, never cutting the store off', async () => {
    const store = guardStore(upstash(), { timeBudgetMs: 5_000, breaker: { failureThreshold: 2 } });
    const key = `guarded:${crypto.randomUUID()}`;
    for (let index = 0; index < 4; index += 1) {
      expect(
        await store.runScript(refuseAfterWriteScript, [key], ['w', 'LIMIT reached', 'reply']),
      ).toMatchObject({
        status: 'unavailable',
        error: { circuitOpen: false, cause: expect.any(StoreRefusedError) },
      });
    }
    expect(await store.runScript(commandScript, [key], ['GET'])).toEqual({
      status: 'ok',
      value: 'w',
    });
  });
});
