import { expect, it } from 'vitest';
import { guardStore } from '../store/guarded-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { type AdmissionInput, admit, type Reservation } from './admission.ts';
import type { ScopeLimits } from './scope-record.ts';
import {
  describeOnScriptStores,
  type ScriptTestStore,
  timeToLiveOf,
  writeHash,
} from './script-test-stores.ts';
import { settle } from './settlement.ts';
import { governanceKeys, type ScopeRef, scopeName } from './store-keys.ts';

/** Sunday 6 December 2026, 12:00:00.250 UTC. */
const start = Date.UTC(2026, 11, 6, 12, 0, 0, 250);
const key: ScopeRef = { kind: 'key', id: 'scope-a' };
const gateway: ScopeRef = { kind: 'gateway' };
const keyRecord = governanceKeys.key('hash-a');

async function setup(open: () => Promise<ScriptTestStore>) {
  const { store, at } = await open();
  await writeHash(store, keyRecord, { version: '1', disabled: '0', expires_at: '' });
  let sequence = 0;
  const reserve = async (
    now: number,
    limits: { key?: ScopeLimits; gateway?: ScopeLimits } = {},
    input: Partial<AdmissionInput> = {},
  ): Promise<Reservation> => {
    sequence += 1;
    const decision = await admit(store, {
      scopes: [
        { ref: key, limits: limits.key ?? {}, record: { storeKey: keyRecord, version: '1' } },
        { ref: gateway, limits: limits.gateway ?? {} },
      ],
      reservationId: `r${sequence}`,
      estimateNanos: 1_000,
      estimateTokens: 300,
      now: at(now),
      deadline: now + 600_000,
      ...input,
    });
    if (decision.status !== 'admitted') throw new Error(`not admitted: ${decision.status}`);
    return decision.reservation;
  };
  const close = (
    reservation: Reservation,
    now: number,
    actualNanos: number,
    actualTokens = 0,
    thresholds: number[] = [],
  ) => settle(store, { reservation, actualNanos, actualTokens, now: at(now), thresholds });
  const spend = async (scope: ScopeRef, period: string) => {
    const read = await store.get(governanceKeys.spend(scopeName(scope), period));
    return read.status === 'value' ? Number(read.value) : undefined;
  };
  const fields = async (storeKey: string) => {
    const read = await store.getFields(storeKey);
    return read.status === 'value' ? read.value : {};
  };
  return { store, reserve, close, spend, fields };
}

describeOnScriptStores('settle', (open) => {
  it('replaces the estimate with the actual cost in every counter it charged', async () => {
    const { store, reserve, close, spend, fields } = await setup(open);
    const reservation = await reserve(start);
    await reserve(start, {}, { estimateNanos: 5_000 });
    expect(await close(reservation, start + 2_000, 400)).toEqual({
      status: 'settled',
      crossings: [],
    });
    for (const scope of [key, gateway]) {
      for (const period of ['all', 'd2026-12-06', 'w2026-11-30', 'm2026-12']) {
        expect(await spend(scope, period)).toBe(5_400);
      }
    }
    expect(Object.keys(await fields(governanceKeys.inflight('k:scope-a')))).toEqual(['r2']);
    expect(await store.get(reservation.key)).toEqual({ status: 'absent' });
  });

  it('changes nothing when the same reservation is settled again', async () => {
    const { reserve, close, spend } = await setup(open);
    const reservation = await reserve(start);
    await close(reservation, start + 1_000, 1_500);
    expect(await close(reservation, start + 2_000, 200)).toEqual({ status: 'gone' });
    expect(await spend(key, 'all')).toBe(1_500);
  });

  it('releases the whole reservation when the request cost nothing', async () => {
    const { reserve, close, spend } = await setup(open);
    const limits = { key: { limitNanos: 1_000, tpm: 300 } };
    const reservation = await reserve(start, limits);
    await close(reservation, start + 1_000, 0, 0);
    expect(await spend(key, 'all')).toBe(0);
    expect(await spend(gateway, 'm2026-12')).toBe(0);
    await expect(reserve(start + 1_000, limits)).resolves.toMatchObject({ id: 'r2' });
  });

  it('gives back the tokens the request did not use while its slot is in the window', async () => {
    const { reserve, close, fields } = await setup(open);
    const limits = { key: { tpm: 1_000 } };
    const first = await reserve(start, limits, { estimateTokens: 900 });
    await close(first, start + 5_000, 10, 250);
    await expect(reserve(start + 5_000, limits, { estimateTokens: 750 })).resolves.toBeDefined();
    const late = await reserve(start + 30_000, { key: { tpm: 10_000 } }, { estimateTokens: 500 });
    // Second start + 30 left the window when second start + 90 began.
    await close(late, start + 90_500, 10, 0);
    const slots = await fields(governanceKeys.rate('k:scope-a', 'tok'));
    expect(slots[String(Math.floor((start + 30_000) / 1_000))]).toBe('500');
  });

  it('leaves a reservation past its deadline charged at its estimate', async () => {
    const { reserve, close, spend, fields } = await setup(open);
    const reservation = await reserve(start, {}, { deadline: start + 1_000 });
    expect(await close(reservation, start + 1_000, 100)).toEqual({ status: 'gone' });
    expect(await spend(key, 'all')).toBe(1_000);
    expect(await fields(governanceKeys.inflight('k:scope-a'))).toEqual({
      r1: `${start + 1_000}:1000`,
    });
  });

  it('reports each budget threshold the first time spend reaches it', async () => {
    const { store, reserve, close } = await setup(open);
    const limits = { key: { limitNanos: 10_000, limitReset: 'daily' as const } };
    const thresholds = [50, 80, 100];
    const spendThen = async (now: number, nanos: number) =>
      close(await reserve(now, limits), now, nanos, 0, thresholds);
    expect(await spendThen(start, 4_000)).toEqual({ status: 'settled', crossings: [] });
    expect(await spendThen(start, 4_500)).toEqual({
      status: 'settled',
      crossings: [
        { scope: key, period: 'd2026-12-06', percent: 50, spendNanos: 8_500, limitNanos: 10_000 },
        { scope: key, period: 'd2026-12-06', percent: 80, spendNanos: 8_500, limitNanos: 10_000 },
      ],
    });
    expect(await spendThen(start, 500)).toEqual({ status: 'settled', crossings: [] });
    expect(await spendThen(start, 1_000)).toMatchObject({ crossings: [{ percent: 100 }] });
    expect(await spendThen(Date.UTC(2026, 11, 7), 6_000)).toMatchObject({
      crossings: [{ percent: 50, period: 'd2026-12-07', spendNanos: 6_000 }],
    });
    const alert = governanceKeys.alert('k:scope-a', 'd2026-12-06', 80);
    expect(await timeToLiveOf(store, alert)).toBeGreaterThan(0);
  });

  it('fires each threshold once however many settlements run at the same time', async () => {
    const { reserve, close } = await setup(open);
    const limits = { gateway: { limitNanos: 100_000 } };
    const reservations: Reservation[] = [];
    for (let index = 0; index < 100; index += 1) {
      reservations.push(await reserve(start, limits, { estimateNanos: 0 }));
    }
    const results = await Promise.all(
      reservations.map((reservation) => close(reservation, start + 1, 1_000, 0, [50, 80, 100])),
    );
    const crossings = results.flatMap((result) =>
      result.status === 'settled' ? result.crossings : [],
    );
    expect(crossings.map(({ percent }) => percent).sort((a, b) => a - b)).toEqual([50, 80, 100]);
    expect(crossings.find(({ percent }) => percent === 100)).toMatchObject({
      scope: gateway,
      period: 'all',
      spendNanos: 100_000,
    });
  });
});

it('answers unavailable when the store cannot run the script', async () => {
  const memory = createMemoryStore();
  const broken = guardStore(
    { ...memory, runScript: () => Promise.reject(new Error('connection reset')) },
    { timeBudgetMs: 1_000 },
  );
  const reservation: Reservation = {
    id: 'r1',
    key: governanceKeys.reservation('r1'),
    estimateNanos: 1,
    estimateTokens: 1,
    spendKeys: [],
    tokenKeys: [],
    inflightKeys: [],
    budgets: [],
  };
  expect(
    await settle(broken, {
      reservation,
      actualNanos: 1,
      actualTokens: 1,
      now: start,
      thresholds: [],
    }),
  ).toMatchObject({ status: 'unavailable' });
});
