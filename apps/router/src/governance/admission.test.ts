import { describe, expect, it } from 'vitest';
import { guardStore } from '../store/guarded-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { type AdmissionInput, admit, tightestRate } from './admission.ts';
import type { ScopeLimits } from './scope-record.ts';
import {
  describeOnScriptStores,
  type ScriptTestStore,
  timeToLiveOf,
  writeHash,
} from './script-test-stores.ts';
import { governanceKeys, type ScopeRef, scopeName } from './store-keys.ts';

/** Sunday 6 December 2026, 12:00:00.250 UTC: in week w2026-11-30 and month m2026-12. */
const start = Date.UTC(2026, 11, 6, 12, 0, 0, 250);
const reservationTtlMs = 600_000;
const key: ScopeRef = { kind: 'key', id: 'scope-a' };
const team: ScopeRef = { kind: 'team', id: 'team-a' };
const gateway: ScopeRef = { kind: 'gateway' };
const model: ScopeRef = { kind: 'model', id: 'openai/gpt-4o' };
const keyRecord = governanceKeys.key('hash-a');
const teamRecord = governanceKeys.team('team-a');

type Limits = Partial<Record<'key' | 'team' | 'gateway' | 'model', ScopeLimits>>;

async function setup(open: () => Promise<ScriptTestStore>) {
  const { store, at } = await open();
  await writeHash(store, keyRecord, { version: '3', disabled: '0', expires_at: '' });
  await writeHash(store, teamRecord, { version: '7', disabled: '', expires_at: '' });
  let sequence = 0;
  const nextId = () => {
    sequence += 1;
    return `r${sequence}`;
  };
  const request = (now: number, limits: Limits = {}, input: Partial<AdmissionInput> = {}) =>
    admit(store, {
      scopes: [
        { ref: key, limits: limits.key ?? {}, record: { storeKey: keyRecord, version: '3' } },
        { ref: team, limits: limits.team ?? {}, record: { storeKey: teamRecord, version: '7' } },
        { ref: gateway, limits: limits.gateway ?? {} },
        { ref: model, limits: limits.model ?? {} },
      ],
      reservationId: nextId(),
      estimateNanos: 1_000,
      estimateTokens: 100,
      now: at(now),
      deadline: now + reservationTtlMs,
      ...input,
    });
  const spend = async (scope: ScopeRef, period: string) => {
    const read = await store.get(governanceKeys.spend(scopeName(scope), period));
    return read.status === 'value' ? Number(read.value) : undefined;
  };
  const fields = async (storeKey: string) => {
    const read = await store.getFields(storeKey);
    return read.status === 'value' ? read.value : {};
  };
  return { store, request, spend, fields };
}

describeOnScriptStores('admit', (open) => {
  it('charges the estimate to every period of the key, team and gateway, not the model', async () => {
    const { request, spend } = await setup(open);
    expect(await request(start)).toMatchObject({ status: 'admitted' });
    expect(await request(start + 1_000, {}, { estimateNanos: 2_500 })).toMatchObject({
      status: 'admitted',
    });
    for (const scope of [key, team, gateway]) {
      for (const period of ['all', 'd2026-12-06', 'w2026-11-30', 'm2026-12']) {
        expect(await spend(scope, period)).toBe(3_500);
      }
    }
    expect(await spend(model, 'all')).toBeUndefined();
  });

  it('expires the periodic spend counters after their period and never the all-time one', async () => {
    const { store, request } = await setup(open);
    await request(start);
    const ttl = (period: string) => timeToLiveOf(store, governanceKeys.spend('k:scope-a', period));
    expect(await ttl('all')).toBe(-1);
    const dayLeft = Date.UTC(2026, 11, 7) - start;
    const retention = 7 * 86_400_000;
    expect(await ttl('d2026-12-06')).toBeGreaterThan(dayLeft + retention - 60_000);
    expect(await ttl('d2026-12-06')).toBeLessThanOrEqual(dayLeft + retention);
    expect(await ttl('m2026-12')).toBeGreaterThan(await ttl('w2026-11-30'));
  });

  it('returns a reservation naming the keys it charged, stored until the deadline', async () => {
    const { store, request } = await setup(open);
    const decision = await request(start, { key: { limitNanos: 10_000, limitReset: 'daily' } });
    if (decision.status !== 'admitted') throw new Error(decision.status);
    const { reservation } = decision;
    expect(reservation).toMatchObject({ id: 'r1', estimateNanos: 1_000, estimateTokens: 100 });
    expect(reservation.spendKeys).toHaveLength(12);
    expect(reservation.inflightKeys).toEqual([
      governanceKeys.inflight('k:scope-a'),
      governanceKeys.inflight('t:team-a'),
    ]);
    expect(reservation.budgets).toEqual([
      {
        scope: key,
        period: 'd2026-12-06',
        limitNanos: 10_000,
        spendKey: governanceKeys.spend('k:scope-a', 'd2026-12-06'),
      },
    ]);
    const ttl = await timeToLiveOf(store, reservation.key);
    expect(ttl).toBeGreaterThan(reservationTtlMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(reservationTtlMs);
  });

  it.each([
    ['gone', () => ({ storeKey: governanceKeys.key('missing'), version: '3' })],
    ['stale', () => ({ storeKey: keyRecord, version: '2' })],
  ] as const)('answers %s for the key record before changing anything', async (status, record) => {
    const { request, spend } = await setup(open);
    const decision = await request(
      start,
      {},
      {
        scopes: [{ ref: key, limits: { rpm: 5 }, record: record() }],
      },
    );
    expect(decision).toEqual({ status, scope: key });
    expect(await spend(key, 'all')).toBeUndefined();
  });

  it('answers disabled and expired from the stored record, naming the scope', async () => {
    const { store, request, spend } = await setup(open);
    await writeHash(store, teamRecord, { version: '7', disabled: '1', expires_at: '' });
    expect(await request(start)).toEqual({ status: 'disabled', scope: team });
    await writeHash(store, teamRecord, { version: '7', disabled: '0', expires_at: String(start) });
    expect(await request(start)).toEqual({ status: 'expired', scope: team });
    expect(await request(start - 1)).toMatchObject({ status: 'admitted' });
    expect(await spend(key, 'all')).toBe(1_000);
  });

  it('refuses what the budget cannot afford, says what remains, and charges no scope', async () => {
    const { request, spend } = await setup(open);
    const limits: Limits = { team: { limitNanos: 2_500 } };
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start, limits)).toEqual({
      status: 'budget',
      scope: team,
      limitNanos: 2_500,
      remainingNanos: 500,
      period: 'all',
    });
    expect(await request(start, limits, { estimateNanos: 500 })).toMatchObject({
      status: 'admitted',
    });
    expect(await spend(key, 'all')).toBe(2_500);
    expect(await spend(gateway, 'all')).toBe(2_500);
  });

  it('counts no request or token in any window when a later scope refuses', async () => {
    const { request, fields } = await setup(open);
    const limits: Limits = { key: { rpm: 5, tpm: 1_000, maxParallel: 3 }, model: { rpm: 1 } };
    await request(start, { model: { rpm: 1 } });
    expect(await request(start + 1_000, limits)).toMatchObject({ status: 'rate', scope: model });
    expect(await fields(governanceKeys.rate('k:scope-a', 'req'))).toEqual({});
    expect(await fields(governanceKeys.rate('k:scope-a', 'tok'))).toEqual({});
    expect(Object.keys(await fields(governanceKeys.inflight('k:scope-a')))).toEqual(['r1']);
  });

  it('refuses to admit the same reservation twice, so a retried call never charges twice', async () => {
    const { request, spend } = await setup(open);
    expect(await request(start, {}, { reservationId: 'same' })).toMatchObject({
      status: 'admitted',
    });
    expect(await request(start, {}, { reservationId: 'same' })).toMatchObject({
      status: 'unavailable',
    });
    expect(await spend(key, 'all')).toBe(1_000);
  });

  it('never reports a negative remainder once spend passed the budget', async () => {
    const { request } = await setup(open);
    await request(start, {}, { estimateNanos: 5_000 });
    expect(await request(start, { key: { limitNanos: 3_000 } })).toMatchObject({
      status: 'budget',
      remainingNanos: 0,
    });
  });

  it('starts a periodic budget afresh in the next period', async () => {
    const { request } = await setup(open);
    const limits: Limits = { gateway: { limitNanos: 1_000, limitReset: 'monthly' } };
    expect(await request(Date.UTC(2026, 11, 31, 23), limits)).toMatchObject({
      status: 'admitted',
    });
    expect(await request(Date.UTC(2026, 11, 31, 23, 30), limits)).toMatchObject({
      status: 'budget',
      scope: gateway,
      period: 'm2026-12',
    });
    expect(await request(Date.UTC(2027, 0, 1), limits)).toMatchObject({ status: 'admitted' });
  });

  it('reports the budget left and the rate state of each limited scope', async () => {
    const { request } = await setup(open);
    const limits: Limits = {
      key: { limitNanos: 10_000, limitReset: 'weekly', rpm: 10, tpm: 1_000 },
      model: { rpm: 3 },
    };
    await request(start, limits);
    expect(await request(start + 2_000, limits)).toEqual({
      status: 'admitted',
      reservation: expect.any(Object),
      scopes: [
        {
          scope: key,
          requests: { limit: 10, remaining: 8, resetMs: 60_000 - 250 },
          tokens: { limit: 1_000, remaining: 800, resetMs: 60_000 - 250 },
          budget: { limitNanos: 10_000, remainingNanos: 8_000, period: 'w2026-11-30' },
        },
        { scope: team },
        { scope: gateway },
        { scope: model, requests: { limit: 3, remaining: 1, resetMs: 60_000 - 250 } },
      ],
    });
  });
});

describeOnScriptStores('admit under rate limits', (open) => {
  it('holds no more than rpm requests in any 60 second window', async () => {
    const { request } = await setup(open);
    const limits: Limits = { model: { rpm: 5 } };
    for (const offset of [0, 0, 0, 30_000, 30_000]) {
      expect(await request(start + offset, limits)).toMatchObject({ status: 'admitted' });
    }
    // The three requests of second `start` leave the window when second start + 60 begins.
    expect(await request(start + 59_500, limits)).toEqual({
      status: 'rate',
      scope: model,
      kind: 'requests',
      limit: 5,
      retryAfterMs: 250,
      never: false,
    });
    expect(await request(start + 59_750, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start + 59_750, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start + 59_750, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start + 60_000, limits)).toMatchObject({
      status: 'rate',
      retryAfterMs: 30_000 - 250,
    });
  });

  it('does not count refused requests against the window', async () => {
    const { request } = await setup(open);
    const limits: Limits = { key: { rpm: 1 } };
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
    for (const offset of [1_000, 20_000, 40_000, 59_000]) {
      expect(await request(start + offset, limits)).toMatchObject({ status: 'rate' });
    }
    expect(await request(start + 59_750, limits)).toMatchObject({ status: 'admitted' });
  });

  it('waits only until enough of the oldest slots leave to fit the tokens asked for', async () => {
    const { request } = await setup(open);
    const limits: Limits = { team: { tpm: 1_000 } };
    await request(start, limits, { estimateTokens: 300 });
    await request(start + 10_000, limits, { estimateTokens: 300 });
    await request(start + 20_000, limits, { estimateTokens: 300 });
    expect(await request(start + 30_000, limits, { estimateTokens: 700 })).toEqual({
      status: 'rate',
      scope: team,
      kind: 'tokens',
      limit: 1_000,
      retryAfterMs: 40_000 - 250,
      never: false,
    });
    expect(await request(start + 30_000, limits, { estimateTokens: 100 })).toMatchObject({
      status: 'admitted',
    });
  });

  it('says a request can never fit when its tokens alone exceed tpm', async () => {
    const { request } = await setup(open);
    expect(await request(start, { gateway: { tpm: 500 } }, { estimateTokens: 501 })).toMatchObject({
      status: 'rate',
      scope: gateway,
      kind: 'tokens',
      limit: 500,
      never: true,
    });
  });

  it('drops slots that left the window and lets the hash expire after a quiet minute', async () => {
    const { store, request, fields } = await setup(open);
    const limits: Limits = { key: { rpm: 100 } };
    await request(start, limits);
    await request(start + 61_000, limits);
    const slots = await fields(governanceKeys.rate('k:scope-a', 'req'));
    expect(slots).toEqual({ [String(Math.floor((start + 61_000) / 1_000))]: '1' });
    const ttl = await timeToLiveOf(store, governanceKeys.rate('k:scope-a', 'req'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });
});

describeOnScriptStores('admit under max parallel', (open) => {
  it('refuses past max_parallel until a request in flight leaves', async () => {
    const { store, request } = await setup(open);
    const limits: Limits = { key: { maxParallel: 2 } };
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
    expect(await request(start, limits)).toEqual({ status: 'parallel', scope: key, limit: 2 });
    await store.delete(governanceKeys.inflight('k:scope-a'));
    expect(await request(start, limits)).toMatchObject({ status: 'admitted' });
  });

  it('frees the slot of a reservation past its deadline and flags it as unsettled', async () => {
    const { request, fields } = await setup(open);
    const limits: Limits = { team: { maxParallel: 1 } };
    await request(start, limits, { estimateNanos: 4_000, deadline: start + 1_000 });
    expect(await request(start + 999, limits)).toMatchObject({ status: 'parallel' });
    expect(await request(start + 1_000, limits)).toMatchObject({ status: 'admitted' });
    expect(await fields(governanceKeys.flags('t:team-a'))).toEqual({
      unsettled: '1',
      unsettled_nanos: '4000',
    });
    expect(await fields(governanceKeys.flags('k:scope-a'))).toEqual({
      unsettled: '1',
      unsettled_nanos: '4000',
    });
    expect(await fields(governanceKeys.flags('g'))).toEqual({});
  });
});

it('answers unavailable when the store cannot run the script', async () => {
  const memory = createMemoryStore();
  const broken: GuardedStore = guardStore(
    { ...memory, runScript: () => Promise.reject(new Error('connection reset')) },
    { timeBudgetMs: 1_000 },
  );
  const decision = await admit(broken, {
    scopes: [{ ref: gateway, limits: { rpm: 1 } }],
    reservationId: 'r1',
    estimateNanos: 1,
    estimateTokens: 1,
    now: start,
    deadline: start + 1_000,
  });
  expect(decision).toMatchObject({ status: 'unavailable' });
});

describe('tightestRate', () => {
  it('picks the limit with the smallest share left, for the x-ratelimit headers', () => {
    const scopes = [
      { scope: key, requests: { limit: 100, remaining: 20, resetMs: 1_000 } },
      { scope: team },
      { scope: model, requests: { limit: 10, remaining: 5, resetMs: 2_000 } },
      { scope: gateway, requests: { limit: 1_000, remaining: 100, resetMs: 3_000 } },
    ];
    expect(tightestRate(scopes, 'requests')).toEqual({
      limit: 1_000,
      remaining: 100,
      resetMs: 3_000,
    });
    expect(tightestRate(scopes, 'tokens')).toBeUndefined();
  });
});
