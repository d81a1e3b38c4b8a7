import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/index.ts';
import { createHealthTracker } from './health-tracker.ts';

function setup() {
  let clock = 1_000_000;
  const store = createMemoryStore({ now: () => clock });
  const options = {
    store,
    windowMs: 300_000,
    bucketMs: 30_000,
    cacheTtlMs: 2_000,
    now: () => clock,
  };
  return {
    store,
    tracker: createHealthTracker(options),
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

  it('shares windows across isolates through the store once their copies expire', async () => {
    const { tracker, otherIsolate, advance } = setup();
    const other = otherIsolate();
    expect((await other.stats(['a/x'])).get('a/x')?.requests).toBe(0);
    await tracker.record('a/x', { ok: false, latencyMs: 10 });
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

  it('keeps serving when the store fails', async () => {
    const broken = createHealthTracker({
      store: {
        ...createMemoryStore(),
        get: () => Promise.reject(new Error('down')),
        increment: () => Promise.reject(new Error('down')),
      },
    });
    await expect(broken.record('a/x', { ok: true, latencyMs: 1 })).resolves.toBeUndefined();
    expect((await broken.stats(['a/x'])).get('a/x')?.requests).toBe(0);
  });
});
