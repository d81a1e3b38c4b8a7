import { describe, expect, it } from 'vitest';
import { createControlledStore } from '../store/controlled-store.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import { createCounterBatch } from './counter-batch.ts';
import { createHealthTracker } from './health-tracker.ts';

function setup() {
  let clock = 1_000_000;
  const memory = createMemoryStore({ now: () => clock });
  const store = guardStore(memory, { timeBudgetMs: 1_000 });
  const options = {
    store,
    windowMs: 300_000,
    bucketMs: 30_000,
    cacheTtlMs: 2_000,
    now: () => clock,
  };
  // This isolate's batch, so a test can flush it as a later request would.
  const counters = createCounterBatch({ store, now: () => clock });
  return {
    memory,
    counters,
    tracker: createHealthTracker({ ...options, counters }),
    // A second isolate: its own in-memory copy, the same shared store.
    otherIsolate: () => createHealthTracker(options),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('createHealthTracker', () => {
  it('derives success rate, latency, first-token time and throughput from samples', async () => {
    const { tracker } = setup();
    await tracker.record('a/x', { ok: true, latencyMs: 100, outputTokens: 50, generationMs: 500 });
    await tracker.record('a/x', { ok: true, latencyMs: 300, firstTokenMs: 80 });
    await tracker.record('a/x', { ok: false, latencyMs: 900 });
    const stats = (await tracker.stats(['a/x'])).get('a/x');
    expect(stats).toEqual({
      requests: 3,
      successRate: 2 / 3,
      latencyMs: 200,
      firstTokenMs: 80,
      tokensPerSecond: 100,
    });
  });

  it('shares windows across isolates through the store once flushed and their copies expire', async () => {
    const { tracker, counters, otherIsolate, advance } = setup();
    const other = otherIsolate();
    expect((await other.stats(['a/x'])).get('a/x')?.requests).toBe(0);
    await tracker.record('a/x', { ok: false, latencyMs: 10 });
    advance(2_001);
    // Still pending in the writer's batch: another isolate cannot see it yet.
    expect((await other.stats(['a/x'])).get('a/x')?.requests).toBe(0);
    await counters.flush();
    expect((await other.stats(['a/x'])).get('a/x')?.requests).toBe(0);
    advance(2_001);
    expect((await other.stats(['a/x'])).get('a/x')).toMatchObject({ requests: 1, successRate: 0 });
  });

  it('sees its own writes at once, before the shared copy is refreshed', async () => {
    const { tracker } = setup();
    await tracker.stats(['a/x']);
    await tracker.record('a/x', { ok: true, latencyMs: 10 });
    expect((await tracker.stats(['a/x'])).get('a/x')?.requests).toBe(1);
  });

  it('forgets samples older than the window', async () => {
    const { tracker, advance } = setup();
    await tracker.record('a/x', { ok: false, latencyMs: 10 });
    advance(330_001);
    expect((await tracker.stats(['a/x'])).get('a/x')).toMatchObject({
      requests: 0,
      successRate: undefined,
    });
  });

  it('counts only buckets after `since` when asked to', async () => {
    const { tracker, advance } = setup();
    await tracker.record('a/x', { ok: false, latencyMs: 10 });
    const closedAt = 1_000_000;
    advance(30_000);
    await tracker.record('a/x', { ok: true, latencyMs: 10 });
    const stats = await tracker.stats(['a/x'], new Map([['a/x', closedAt]]));
    expect(stats.get('a/x')).toMatchObject({ requests: 1, successRate: 1 });
  });

  it('keeps its pending samples when it refreshes its copy from the store', async () => {
    const { tracker, memory, advance } = setup();
    await tracker.record('a/x', { ok: true, latencyMs: 100 });
    expect((await tracker.stats(['a/x'])).get('a/x')?.requests).toBe(1);
    // Another isolate wrote; this one's sample is still pending when its copy is refreshed.
    await memory.incrementFields('sy:health:a/x:33', { ok: 2, latencyMs: 500 });
    advance(2_001);
    expect((await tracker.stats(['a/x'])).get('a/x')).toMatchObject({
      requests: 3,
      latencyMs: 200,
    });
    expect(await memory.getFields('sy:health:a/x:33')).toEqual({ ok: '2', latencyMs: '500' });
  });

  it('writes one hash per target and bucket, its counters added together', async () => {
    const { tracker, memory, counters } = setup();
    await tracker.record('a/x', { ok: true, latencyMs: 120, firstTokenMs: 40 });
    await tracker.record('a/x', { ok: false, latencyMs: 900 });
    await counters.flush();
    // 1,000,000 ms falls in bucket 33 of 30 s buckets.
    expect(await memory.getFields('sy:health:a/x:33')).toEqual({
      ok: '1',
      failed: '1',
      latencyMs: '120',
      firstTokenCount: '1',
      firstTokenMs: '40',
    });
  });

  it('reads the hashes another writer left in the store', async () => {
    const { tracker, memory } = setup();
    await memory.incrementFields('sy:health:a/x:33', { ok: 3, failed: 1, latencyMs: 300 });
    await memory.incrementFields('sy:health:a/x:32', { ok: 1, latencyMs: 100 });
    expect((await tracker.stats(['a/x'])).get('a/x')).toEqual({
      requests: 5,
      successRate: 0.8,
      latencyMs: 100,
      firstTokenMs: undefined,
      tokensPerSecond: undefined,
    });
  });

  it('keeps serving, and counting its own samples, when the store is unavailable', async () => {
    let clock = 1_000_000;
    const controlled = createControlledStore('answer');
    const tracker = createHealthTracker({
      store: guardStore(controlled.store, { timeBudgetMs: 50 }),
      cacheTtlMs: 2_000,
      now: () => clock,
    });
    await tracker.record('a/x', { ok: true, latencyMs: 1 });
    expect((await tracker.stats(['a/x'])).get('a/x')?.requests).toBe(1);
    controlled.setMode('reject');
    await expect(tracker.record('a/x', { ok: false, latencyMs: 1 })).resolves.toBeUndefined();
    // Its copy is stale and cannot be refreshed: what it knew still counts.
    clock += 2_001;
    expect((await tracker.stats(['a/x'])).get('a/x')?.requests).toBe(2);
  });

  it('answers empty windows when the store was never reachable', async () => {
    const controlled = createControlledStore('reject');
    const tracker = createHealthTracker({
      store: guardStore(controlled.store, { timeBudgetMs: 50 }),
    });
    await expect(tracker.record('a/x', { ok: true, latencyMs: 1 })).resolves.toBeUndefined();
    expect((await tracker.stats(['a/x'])).get('a/x')).toMatchObject({
      requests: 0,
      successRate: undefined,
    });
  });
});
