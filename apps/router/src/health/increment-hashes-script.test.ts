import { expect, it } from 'vitest';
import { describeOnScriptStores, timeToLiveOf } from '../governance/script-test-stores.ts';
import type { GuardedStore } from '../store/store-result.ts';
import {
  type HashIncrement,
  incrementHashesArguments,
  incrementHashesScript,
} from './increment-hashes-script.ts';

async function incrementHashes(store: GuardedStore, increments: HashIncrement[]) {
  const { keys, args } = incrementHashesArguments(increments);
  const result = await store.runScript(incrementHashesScript, keys, args);
  if (result.status !== 'ok') throw result.error;
  return result.value;
}

async function fieldsOf(store: GuardedStore, keys: string[]) {
  const read = await store.getFieldsMany(keys);
  if (read.status !== 'ok') throw read.error;
  return read.value;
}

describeOnScriptStores('incrementHashesScript', (open) => {
  it('adds each amount to its field of each hash, in one call', async () => {
    const { store } = await open();
    await store.incrementFields('sy:health:a/x:1', { ok: 2, latencyMs: 40 });
    const written = await incrementHashes(store, [
      { key: 'sy:health:a/x:1', amounts: { ok: 1, latencyMs: 100, failed: 3 }, ttlMs: 60_000 },
      { key: 'sy:circuit-window:a/x:7', amounts: { failed: -1, ok: 5 }, ttlMs: 60_000 },
    ]);
    expect(written).toBe(2);
    expect(await fieldsOf(store, ['sy:health:a/x:1', 'sy:circuit-window:a/x:7'])).toEqual([
      { ok: '3', latencyMs: '140', failed: '3' },
      { failed: '-1', ok: '5' },
    ]);
  });

  it('sets the expiry of a hash it creates, and leaves that of an existing one', async () => {
    const { store, at } = await open();
    at(1_000);
    await store.incrementFields('old', { ok: 1 }, { ttlMs: 500_000 });
    await incrementHashes(store, [
      { key: 'old', amounts: { ok: 1 }, ttlMs: 60_000 },
      { key: 'new', amounts: { ok: 1 }, ttlMs: 60_000 },
    ]);
    expect(await timeToLiveOf(store, 'old')).toBeGreaterThan(60_000);
    const fresh = await timeToLiveOf(store, 'new');
    expect(fresh).toBeGreaterThan(59_000);
    expect(fresh).toBeLessThanOrEqual(60_000);
  });
});
