import { afterEach, describe, expect, it, vi } from 'vitest';
import { createControlledStore } from '../store/controlled-store.ts';
import { guardStore } from '../store/index.ts';
import { type CounterBatchOptions, createCounterBatch } from './counter-batch.ts';

/** A store that answers like memory and records each call that reaches it. */
function setup(overrides: Partial<CounterBatchOptions> = {}) {
  let clock = 0;
  const controlled = createControlledStore('answer');
  const counters = createCounterBatch({
    store: guardStore(controlled.store, { timeBudgetMs: 1_000 }),
    now: () => clock,
    ...overrides,
  });
  return {
    controlled,
    counters,
    /** Store calls that wrote counters: one per flush, whatever the number of hashes. */
    writes: () => controlled.calls.filter((call) => call === 'runScript').length,
    fields: (keys: string[]) => controlled.store.getFieldsMany(keys),
    at: (now: number) => {
      clock = now;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createCounterBatch', () => {
  it('sums increments of the same hash and field, and writes every hash in one call', async () => {
    const { counters, writes, fields } = setup();
    expect(counters.add('h:a', { ok: 1, latencyMs: 100 }, 60_000)).toBeUndefined();
    expect(counters.add('h:a', { ok: 1, latencyMs: 50, failed: 0 }, 60_000)).toBeUndefined();
    expect(counters.add('h:b', { failed: 1 }, 60_000)).toBeUndefined();
    expect(counters.pending('h:a')).toEqual({ ok: 2, latencyMs: 150 });
    expect(writes()).toBe(0);
    await expect(counters.flush()).resolves.toEqual({ status: 'ok', value: undefined });
    expect(writes()).toBe(1);
    expect(await fields(['h:a', 'h:b'])).toEqual([{ ok: '2', latencyMs: '150' }, { failed: '1' }]);
    expect(counters.pending('h:a')).toBeUndefined();
    // Nothing pending: a flush makes no call.
    await counters.flush();
    expect(writes()).toBe(1);
  });

  it('flushes from the add that finds the oldest pending increment a flush interval old', async () => {
    const { counters, fields, at } = setup({ flushIntervalMs: 1_000 });
    expect(counters.add('h:a', { ok: 1 }, 60_000)).toBeUndefined();
    at(999);
    expect(counters.add('h:a', { ok: 1 }, 60_000)).toBeUndefined();
    at(1_000);
    const due = counters.add('h:b', { ok: 1 }, 60_000);
    expect(due).toBeInstanceOf(Promise);
    await due;
    expect(await fields(['h:a', 'h:b'])).toEqual([{ ok: '2' }, { ok: '1' }]);
    // The interval counts from the first increment after a flush.
    at(1_500);
    expect(counters.add('h:a', { ok: 1 }, 60_000)).toBeUndefined();
    at(2_499);
    expect(counters.add('h:a', { ok: 1 }, 60_000)).toBeUndefined();
    at(2_500);
    expect(counters.add('h:a', { ok: 1 }, 60_000)).toBeInstanceOf(Promise);
  });

  it('flushes when the pending hashes reach the bound, so memory stays bounded', async () => {
    const { counters, writes, fields } = setup({ maxPendingKeys: 8 });
    const flushes: Promise<unknown>[] = [];
    // Pass-through model ids: many distinct hashes within one interval.
    for (let index = 0; index < 100; index++) {
      const due = counters.add(`h:${index}`, { ok: 1 }, 60_000);
      if (due !== undefined) flushes.push(due);
    }
    expect(flushes).toHaveLength(12);
    expect(counters.pending('h:96')).toEqual({ ok: 1 });
    expect(counters.pending('h:95')).toBeUndefined();
    await Promise.all(flushes);
    await counters.flush();
    expect(writes()).toBe(13);
    const keys = Array.from({ length: 100 }, (_, index) => `h:${index}`);
    expect(await fields(keys)).toEqual(keys.map(() => ({ ok: '1' })));
  });

  it('drops the counts of a flush the store did not take, and keeps counting after', async () => {
    const { counters, controlled, fields } = setup();
    controlled.setMode('reject');
    counters.add('h:a', { ok: 3 }, 60_000);
    await expect(counters.flush()).resolves.toMatchObject({ status: 'unavailable' });
    expect(counters.pending('h:a')).toBeUndefined();
    controlled.setMode('answer');
    counters.add('h:a', { ok: 1 }, 60_000);
    await expect(counters.flush()).resolves.toMatchObject({ status: 'ok' });
    expect(await fields(['h:a'])).toEqual([{ ok: '1' }]);
  });

  it('resolves a flush only once every earlier flush has settled too', async () => {
    const { counters, controlled, fields } = setup();
    controlled.setMode('hold');
    counters.add('h:a', { ok: 1 }, 60_000);
    const earlier = counters.flush();
    controlled.setMode('answer');
    counters.add('h:a', { failed: 1 }, 60_000);
    let settled = false;
    const later = counters.flush().then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    for (const call of controlled.held) call.release();
    await expect(later).resolves.toMatchObject({ status: 'ok' });
    await expect(earlier).resolves.toMatchObject({ status: 'ok' });
    expect(await fields(['h:a'])).toEqual([{ ok: '1', failed: '1' }]);
  });

  it('flushes on its timer when asked to, so a quiet process still writes', async () => {
    vi.useFakeTimers();
    const { counters, writes } = setup({ flushIntervalMs: 1_000, timer: true });
    counters.add('h:a', { ok: 1 }, 60_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(writes()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets no timer unless asked to (Workers)', () => {
    vi.useFakeTimers();
    const { counters } = setup();
    counters.add('h:a', { ok: 1 }, 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
