import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheHit } from './response-cache.ts';
import { waitForEntry } from './wait-for-entry.ts';

const hit = { ageSeconds: 0 } as CacheHit;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('waitForEntry', () => {
  it("returns the leader's entry once it appears", async () => {
    let stored: CacheHit | undefined;
    const lookup = vi.fn(async () => stored);
    const waiting = waitForEntry(lookup, async () => true, 15_000, undefined);
    await vi.advanceTimersByTimeAsync(100);
    stored = hit;
    await vi.advanceTimersByTimeAsync(250);
    expect(await waiting).toBe(hit);
  });

  it('polls at growing intervals, at most every 250 ms', async () => {
    const lookup = vi.fn(async () => undefined);
    const waiting = waitForEntry(lookup, async () => true, 1_000, undefined);
    await vi.advanceTimersByTimeAsync(25);
    expect(lookup).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50 + 100 + 200);
    expect(lookup).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(250);
    expect(lookup).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await waiting).toBeUndefined();
  });

  it('gives up when the wait budget runs out', async () => {
    const waiting = waitForEntry(
      async () => undefined,
      async () => true,
      500,
      undefined,
    );
    await vi.advanceTimersByTimeAsync(500);
    expect(await waiting).toBeUndefined();
  });

  it('stops when the client leaves', async () => {
    const client = new AbortController();
    const lookup = vi.fn(async () => undefined);
    const waiting = waitForEntry(lookup, async () => true, 15_000, client.signal);
    await vi.advanceTimersByTimeAsync(25);
    client.abort();
    await vi.advanceTimersByTimeAsync(50);
    expect(await waiting).toBeUndefined();
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('stops at once when the leader let go without an entry', async () => {
    let locked = true;
    const lookup = vi.fn(async () => undefined);
    const waiting = waitForEntry(lookup, async () => locked, 15_000, undefined);
    await vi.advanceTimersByTimeAsync(75);
    locked = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(await waiting).toBeUndefined();
  });

  it('looks once more after the leader let go, for an entry saved just before', async () => {
    let stored: CacheHit | undefined;
    let locked = true;
    // The entry lands between this round's lookup and its lock check.
    const lookup = vi.fn(async () => stored);
    const isLocked = vi.fn(async () => {
      if (lookup.mock.calls.length === 2) {
        stored = hit;
        locked = false;
      }
      return locked;
    });
    const waiting = waitForEntry(lookup, isLocked, 15_000, undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(await waiting).toBe(hit);
  });
});
