import { describe, expect, it, vi } from 'vitest';
import { createControlledStore } from './controlled-store.ts';
import { guardStore } from './guarded-store.ts';
import { StoreRefusedError } from './store-refused-error.ts';

function fakeClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

/** A guarded controlled store whose budget is long enough that no test could wait it out. */
function setup(breaker?: { failureThreshold?: number; cooldownMs?: number }) {
  const controlled = createControlledStore();
  const clock = fakeClock();
  const onError = vi.fn();
  const store = guardStore(controlled.store, {
    timeBudgetMs: 600_000,
    breaker,
    onError,
    now: clock.now,
  });
  return { ...controlled, clock, onError, store };
}

describe('guardStore breaker', () => {
  it('stops calling the store after 3 consecutive failures and answers at once', async () => {
    const { store, calls, setMode, onError } = setup();
    setMode('reject');
    for (let index = 0; index < 3; index += 1) await store.get('k');
    expect(calls).toHaveLength(3);
    // The store now hangs and the budget is ten minutes: answering at all proves no waiting.
    setMode('hang');
    const results = await Promise.all([store.get('k'), store.set('k', 'v'), store.ping()]);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'unavailable', error: { circuitOpen: true } });
    }
    expect(calls).toHaveLength(3);
    expect(onError).toHaveBeenCalledTimes(3);
  });

  it('counts budget timeouts as failures', async () => {
    const controlled = createControlledStore('hang');
    const store = guardStore(controlled.store, {
      timeBudgetMs: 10,
      breaker: { failureThreshold: 2 },
    });
    expect(await store.get('k')).toMatchObject({ error: { timeoutMs: 10 } });
    expect(await store.get('k')).toMatchObject({ error: { timeoutMs: 10 } });
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(controlled.calls).toHaveLength(2);
  });

  it('opens only on consecutive failures: a success starts the count over', async () => {
    const { store, calls, setMode } = setup();
    for (const mode of ['reject', 'reject', 'answer', 'reject', 'reject'] as const) {
      setMode(mode);
      await store.get('k');
    }
    expect(calls).toHaveLength(5);
    await store.get('k');
    expect(calls).toHaveLength(6);
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(6);
  });

  it('lets exactly one probe through after the cooldown, and closes when it succeeds', async () => {
    const { store, calls, held, setMode, clock } = setup({ cooldownMs: 1_000 });
    setMode('reject');
    for (let index = 0; index < 3; index += 1) await store.get('k');
    clock.advance(999);
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(3);

    clock.advance(1);
    setMode('hold');
    const probe = store.set('k', 'v');
    const others = await Promise.all([store.get('k'), store.get('k'), store.ping()]);
    expect(others.map((result) => result.status)).toEqual([
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
    expect(calls).toEqual(['get', 'get', 'get', 'set']);

    held[0]?.release();
    expect(await probe).toEqual({ status: 'ok', value: true });
    setMode('answer');
    expect(await store.get('k')).toEqual({ status: 'value', value: 'v' });
    expect(await store.get('k')).toEqual({ status: 'value', value: 'v' });
    expect(calls).toHaveLength(6);
  });

  it('opens again for a full cooldown when the probe fails', async () => {
    const { store, calls, setMode, clock, onError } = setup({
      failureThreshold: 1,
      cooldownMs: 500,
    });
    setMode('reject');
    await store.get('k');
    clock.advance(500);
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: false } });
    expect(calls).toHaveLength(2);
    clock.advance(499);
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(2);
    clock.advance(1);
    setMode('answer');
    expect(await store.get('k')).toEqual({ status: 'absent' });
    expect(calls).toHaveLength(3);
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('counts a probe that runs over the budget as failed', async () => {
    const controlled = createControlledStore('reject');
    const clock = fakeClock();
    const store = guardStore(controlled.store, {
      timeBudgetMs: 10,
      breaker: { failureThreshold: 1, cooldownMs: 100 },
      now: clock.now,
    });
    await store.get('k');
    clock.advance(100);
    controlled.setMode('hang');
    expect(await store.get('k')).toMatchObject({ error: { timeoutMs: 10 } });
    controlled.setMode('answer');
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(controlled.calls).toHaveLength(2);
  });

  it('ignores a slow success from before it opened: it stays open', async () => {
    const { store, calls, held, setMode } = setup({ failureThreshold: 2 });
    setMode('hold');
    const slow = store.get('k');
    setMode('reject');
    await store.get('k');
    await store.get('k');
    held[0]?.release();
    expect(await slow).toEqual({ status: 'absent' });
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(3);
  });

  it('ignores a late failure from before it closed again: the count starts at zero', async () => {
    const { store, calls, held, setMode, clock } = setup({ failureThreshold: 2, cooldownMs: 100 });
    setMode('hold');
    const slow = store.get('k');
    setMode('reject');
    await store.get('k');
    await store.get('k');
    clock.advance(100);
    setMode('answer');
    expect(await store.get('k')).toEqual({ status: 'absent' });
    held[0]?.fail(new Error('late'));
    expect(await slow).toMatchObject({ status: 'unavailable' });
    setMode('reject');
    await store.get('k');
    expect(calls).toHaveLength(5);
    // One failure since closing, not two: the next call still reaches the store.
    await store.get('k');
    expect(calls).toHaveLength(6);
  });

  it('does not count refusals of the arguments or the data: it stays closed', async () => {
    const { store, calls, onError } = setup();
    await store.set('text', 'abc');
    await store.incrementFields('hash', { n: 1 });
    const refusals = [
      () => store.getFields('text'),
      () => store.getFields('text'),
      () => store.getFieldsMany(['hash', 'text']),
      () => store.increment('text'),
      () => store.incrementFields('hash', { n: 0.5 }),
      () => store.get('hash'),
      () => store.set('k', 'v', { ttlMs: 0 }),
    ];
    for (const refusal of refusals) {
      expect(await refusal()).toMatchObject({
        status: 'unavailable',
        error: { circuitOpen: false, cause: expect.any(StoreRefusedError) },
      });
    }
    expect(onError).toHaveBeenCalledTimes(refusals.length);
    expect(await store.get('text')).toEqual({ status: 'value', value: 'abc' });
    expect(calls).toHaveLength(refusals.length + 3);
  });

  it('neither counts a refusal between failures nor starts the count over', async () => {
    const { store, calls, setMode } = setup();
    await store.set('text', 'abc');
    setMode('reject');
    await store.get('k');
    await store.get('k');
    setMode('answer');
    expect(await store.increment('text')).toMatchObject({ error: { circuitOpen: false } });
    setMode('reject');
    await store.get('k');
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(5);
  });

  it('lets the next call probe when the probe is refused, staying open until one answers', async () => {
    const { store, calls, setMode, clock } = setup({ failureThreshold: 2, cooldownMs: 1_000 });
    await store.set('text', 'abc');
    setMode('reject');
    await store.get('k');
    await store.get('k');
    clock.advance(1_000);
    setMode('answer');
    expect(await store.increment('text')).toMatchObject({
      error: { circuitOpen: false, cause: expect.any(StoreRefusedError) },
    });
    setMode('reject');
    // A refusal proved nothing: this call is the next probe, and its failure reopens at once.
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: false } });
    expect(await store.get('k')).toMatchObject({ error: { circuitOpen: true } });
    expect(calls).toHaveLength(5);
  });
});
