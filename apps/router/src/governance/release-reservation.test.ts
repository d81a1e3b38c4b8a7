import { describe, expect, it } from 'vitest';
import { guardStore } from '../store/guarded-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store } from '../store/store.ts';
import { type AdmissionInput, admit } from './admission.ts';
import { releaseReservation } from './release-reservation.ts';
import { describeOnScriptStores, writeHash } from './script-test-stores.ts';
import { governanceKeys, type ScopeRef, scopeName } from './store-keys.ts';

const start = Date.UTC(2026, 11, 6, 12, 0, 0, 250);
const key: ScopeRef = { kind: 'key', id: 'scope-a' };
const keyRecord = governanceKeys.key('hash-a');

const input = (reservationId: string): AdmissionInput => ({
  scopes: [{ ref: key, limits: { maxParallel: 1 }, record: { storeKey: keyRecord, version: '1' } }],
  reservationId,
  estimateNanos: 1_000,
  estimateTokens: 100,
  now: start,
  deadline: start + 600_000,
});

describeOnScriptStores('releaseReservation', (open) => {
  async function setup() {
    const { store, at } = await open();
    at(start);
    await writeHash(store, keyRecord, { version: '1', disabled: '0', expires_at: '' });
    const spend = async () => {
      const read = await store.get(governanceKeys.spend(scopeName(key), 'all'));
      return read.status === 'value' ? Number(read.value) : 0;
    };
    const inflight = async () => {
      const read = await store.getFields(governanceKeys.inflight(scopeName(key)));
      return read.status === 'value' ? Object.keys(read.value) : [];
    };
    return { store, spend, inflight };
  }

  it('gives back a reservation whose admission answer was lost', async () => {
    const { store, spend, inflight } = await setup();
    const decision = await admit(store, input('r1'));
    if (decision.status !== 'admitted') throw new Error(decision.status);
    expect(await spend()).toBe(1_000);
    expect(await releaseReservation(store, decision.reservation, start, 600_000)).toBe(true);
    expect(await spend()).toBe(0);
    expect(await inflight()).toEqual([]);
  });
});

describe('an admission that times out', () => {
  it('is undone when its script runs after the release, so nothing stays charged or held', async () => {
    const inner = createMemoryStore({ now: () => start });
    const store = guardStore(inner, { timeBudgetMs: 1_000 });
    await writeHash(store, keyRecord, { version: '1', disabled: '0', expires_at: '' });
    let ran: Promise<unknown> = Promise.resolve();
    // Scripts reach the store only after the guard gave up on them.
    const late: Store = {
      ...inner,
      runScript(script, keys, args) {
        ran = new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
          inner.runScript(script, keys, args),
        );
        return ran as never;
      },
    };
    const decision = await admit(guardStore(late, { timeBudgetMs: 5 }), input('r1'));
    expect(decision.status).toBe('unavailable');
    if (decision.status !== 'unavailable') return;
    expect(await releaseReservation(store, decision.reservation, start, 600_000)).toBe(true);
    await ran.catch(() => undefined);
    const spend = await store.get(governanceKeys.spend(scopeName(key), 'all'));
    expect(spend).toEqual({ status: 'absent' });
    expect(await store.getFields(governanceKeys.inflight(scopeName(key)))).toEqual({
      status: 'absent',
    });
    expect((await admit(store, input('r2'))).status).toBe('admitted');
  });
});
