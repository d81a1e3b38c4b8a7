import { describe, expect, it } from 'vitest';
import { createControlledStore } from '../store/controlled-store.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { type CircuitBreakerOptions, createCircuitBreaker } from './circuit-breaker.ts';

const target = 'a/x';

/** One shared store (as Redis is), a clock, and as many isolates as a test needs. */
function setup(overrides: Partial<CircuitBreakerOptions> = {}) {
  let clock = 5_000_000;
  const memory = createMemoryStore({ now: () => clock });
  const store = guardStore(memory, { timeBudgetMs: 1_000 });
  const options: CircuitBreakerOptions = {
    store,
    failureRatio: 0.5,
    minRequests: 4,
    windowMs: 60_000,
    cooldownMs: 10_000,
    cacheTtlMs: 1_000,
    now: () => clock,
    ...overrides,
  };
  return {
    memory,
    breaker: createCircuitBreaker(options),
    /** Another isolate: its own copies, the same store. */
    isolate: (more: Partial<CircuitBreakerOptions> = {}) =>
      createCircuitBreaker({ ...options, ...more }),
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

async function reportMany(
  breaker: ReturnType<typeof createCircuitBreaker>,
  outcomes: ('ok' | 'failed')[],
) {
  for (const outcome of outcomes) await breaker.report(target, outcome);
}

/** Opens the circuit of `target` and waits out its cooldown. */
async function halfOpen(context: ReturnType<typeof setup>) {
  await reportMany(context.breaker, ['failed', 'failed', 'failed', 'failed']);
  context.advance(10_001);
}

describe('createCircuitBreaker', () => {
  it('stays closed while failures are under the ratio', async () => {
    const { breaker } = setup();
    await reportMany(breaker, ['ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'failed', 'failed']);
    await breaker.report(target, 'failed');
    expect(await breaker.state(target)).toBe('closed');
  });

  it('opens on its own counts, with no health window passed in', async () => {
    const { breaker } = setup();
    await reportMany(breaker, ['ok', 'failed', 'ok', 'failed']);
    expect(await breaker.state(target)).toBe('open');
  });

  it('does not open below minRequests even when every attempt failed', async () => {
    const { breaker } = setup();
    await reportMany(breaker, ['failed', 'failed', 'failed']);
    expect(await breaker.state(target)).toBe('closed');
  });

  it('does not count neutral outcomes', async () => {
    const { breaker } = setup();
    for (let index = 0; index < 10; index++) await breaker.report(target, 'neutral');
    await reportMany(breaker, ['failed', 'failed', 'failed']);
    expect(await breaker.state(target)).toBe('closed');
  });

  it('opens for every isolate once one opened it', async () => {
    const { breaker, isolate } = setup();
    await reportMany(breaker, ['failed', 'failed', 'failed', 'failed']);
    expect(await isolate().state(target)).toBe('open');
  });

  it('adds up the failures two isolates saw through the shared store', async () => {
    const { breaker, isolate } = setup();
    const other = isolate();
    await reportMany(breaker, ['failed', 'failed']);
    await reportMany(other, ['failed', 'failed']);
    expect(await other.state(target)).toBe('open');
  });

  it('keeps oks in its batch and writes a failure at once with them, before the ratio is read', async () => {
    const { breaker, memory } = setup();
    // 5,000,000 ms falls in bucket 833 of 6 s buckets.
    const bucket = `sy:circuit-window:${target}:833`;
    await reportMany(breaker, ['ok', 'ok', 'ok']);
    expect(await memory.getFields(bucket)).toEqual({});
    await breaker.report(target, 'failed');
    expect(await memory.getFields(bucket)).toEqual({ ok: '3', failed: '1' });
  });

  it("weighs another isolate's failures against the oks this one had not flushed yet", async () => {
    const { breaker, isolate } = setup({ minRequests: 2 });
    await reportMany(breaker, ['ok', 'ok', 'ok', 'ok', 'failed']);
    const other = isolate({ minRequests: 2 });
    await reportMany(other, ['failed']);
    // 2 failed of 6: under the ratio. Without the first isolate's oks it would read 2 of 2.
    expect(await other.state(target)).toBe('closed');
    expect(await breaker.state(target)).toBe('closed');
  });

  it('forgets failures older than its window', async () => {
    const { breaker, advance } = setup();
    await reportMany(breaker, ['failed', 'failed', 'failed']);
    advance(61_000);
    await breaker.report(target, 'failed');
    expect(await breaker.state(target)).toBe('closed');
  });

  it('turns requests away while open and lets a probe through after the cooldown', async () => {
    const context = setup();
    await reportMany(context.breaker, ['failed', 'failed', 'failed', 'failed']);
    context.advance(9_999);
    expect(await context.breaker.state(target)).toBe('open');
    context.advance(2);
    expect(await context.breaker.state(target)).toBe('half-open');
  });

  it('gives the probe to exactly one of many concurrent requests across isolates', async () => {
    const context = setup();
    await halfOpen(context);
    const breakers = [context.breaker, context.isolate(), context.isolate()];
    const tickets = await Promise.all(
      breakers.flatMap((breaker) => [breaker.acquireProbe(target), breaker.acquireProbe(target)]),
    );
    const won = tickets.filter((ticket) => ticket !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]).toEqual({ targetId: target, token: expect.any(String) });
  });

  it('takes no lock to read a state', async () => {
    const context = setup();
    await halfOpen(context);
    expect(await context.breaker.state(target)).toBe('half-open');
    expect(await context.breaker.state(target)).toBe('half-open');
    expect(await context.breaker.acquireProbe(target)).toBeDefined();
  });

  it('closes after a good probe and counts its window from then on', async () => {
    const context = setup();
    await halfOpen(context);
    const probe = await context.breaker.acquireProbe(target);
    await context.breaker.report(target, 'ok', probe);
    expect(await context.breaker.state(target)).toBe('closed');
    expect(context.breaker.closedSince([target, 'b/y'])).toEqual(
      new Map([[target, context.now()]]),
    );
    // The failures that opened it are still in the window's time, but no longer count.
    context.advance(6_001);
    await reportMany(context.breaker, ['failed', 'failed', 'failed']);
    expect(await context.breaker.state(target)).toBe('closed');
  });

  it('opens again for a full cooldown when the probe fails', async () => {
    const context = setup();
    await halfOpen(context);
    const probe = await context.breaker.acquireProbe(target);
    await context.breaker.report(target, 'failed', probe);
    expect(await context.breaker.state(target)).toBe('open');
    expect(await context.isolate().state(target)).toBe('open');
    context.advance(9_999);
    expect(await context.breaker.state(target)).toBe('open');
  });

  it('gives a neutral probe back at once, so another request can probe', async () => {
    const context = setup();
    await halfOpen(context);
    const other = context.isolate();
    const probe = await context.breaker.acquireProbe(target);
    expect(await other.acquireProbe(target)).toBeUndefined();
    await context.breaker.report(target, 'neutral', probe);
    expect(await context.breaker.state(target)).toBe('half-open');
    expect(await other.acquireProbe(target)).toBeDefined();
  });

  it('leaves a newer probe lock alone when a stale ticket is reported', async () => {
    let next = 0;
    const context = setup({ token: () => `token-${++next}` });
    await halfOpen(context);
    const stale = await context.breaker.acquireProbe(target);
    expect(stale?.token).toBe('token-1');
    // The lock outlived its TTL (one cooldown): another request took the probe since.
    context.advance(10_000);
    const current = await context.breaker.acquireProbe(target);
    expect(current?.token).toBe('token-2');
    await context.breaker.report(target, 'neutral', stale);
    expect(await context.memory.get(`sy:circuit:${target}:probe`)).toBe('token-2');
    expect(await context.breaker.acquireProbe(target)).toBeUndefined();
  });

  it('probes unlocked when the store cannot be asked for the lock', async () => {
    const controlled = createControlledStore('reject');
    const breaker = createCircuitBreaker({
      store: guardStore(controlled.store, { timeBudgetMs: 50 }),
    });
    expect(await breaker.acquireProbe(target)).toEqual({ targetId: target, token: undefined });
    await expect(
      breaker.report(target, 'ok', { targetId: target, token: undefined }),
    ).resolves.toBeUndefined();
  });

  it('opens on its own isolate counts and stays open while the store is down', async () => {
    let clock = 0;
    const controlled = createControlledStore('reject');
    const store: GuardedStore = guardStore(controlled.store, {
      timeBudgetMs: 50,
      now: () => clock,
    });
    const breaker = createCircuitBreaker({
      store,
      minRequests: 2,
      cooldownMs: 10_000,
      cacheTtlMs: 1_000,
      now: () => clock,
    });
    await breaker.report(target, 'failed');
    await breaker.report(target, 'failed');
    expect(await breaker.state(target)).toBe('open');
    clock += 5_000;
    // Its copy is stale and the store cannot be read: the last known state holds.
    expect(await breaker.state(target)).toBe('open');
  });
});
