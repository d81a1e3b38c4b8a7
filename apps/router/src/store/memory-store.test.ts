import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory store', () => createMemoryStore(), 'memory');

function fakeClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('createMemoryStore', () => {
  it('expires entries by the injected clock, to the millisecond', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    await store.set('k', 'v', { ttlMs: 1_000 });
    clock.advance(999);
    expect(await store.get('k')).toBe('v');
    clock.advance(1);
    expect(await store.get('k')).toBeNull();
  });

  it('expires a hash by the injected clock, keeping the expiry its first write set', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    await store.incrementFields('h', { n: 1 }, { ttlMs: 1_000 });
    clock.advance(999);
    await store.incrementFields('h', { n: 1 }, { ttlMs: 60_000 });
    expect(await store.getFields('h')).toEqual({ n: '2' });
    clock.advance(1);
    expect(await store.getFields('h')).toEqual({});
  });

  it('rounds fractional TTLs up to whole milliseconds', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    await store.increment('n', 1, { ttlMs: 0.2 });
    expect(await store.get('n')).toBe('1');
    clock.advance(1);
    expect(await store.get('n')).toBeNull();
  });

  it('evicts the least recently used key when full', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    await store.set('a', '1');
    await store.set('b', '2');
    await store.set('c', '3');
    await store.get('a');
    await store.set('d', '4');
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
    expect(await store.get('d')).toBe('4');
  });

  it('drops expired entries before evicting live ones', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now, maxEntries: 3 });
    await store.set('old', '1');
    await store.set('expiring', '2', { ttlMs: 10 });
    await store.set('live', '3');
    clock.advance(10);
    await store.set('new', '4');
    expect(await store.get('old')).toBe('1');
    expect(await store.get('live')).toBe('3');
    expect(await store.get('new')).toBe('4');
  });

  it('evicts a tenth of a large store at once and never exceeds maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 100 });
    for (let index = 0; index < 101; index += 1) await store.set(`k${index}`, 'v');
    const kept = await Promise.all(
      Array.from({ length: 101 }, (_, index) => store.get(`k${index}`)),
    );
    expect(kept.filter((value) => value !== null)).toHaveLength(90);
    expect(await store.get('k100')).toBe('v');
    expect(await store.get('k0')).toBeNull();
  });

  it('does not share state between instances', async () => {
    const first = createMemoryStore();
    await first.set('k', 'v');
    expect(await createMemoryStore().get('k')).toBeNull();
  });

  it('rejects a maxEntries below 1', () => {
    expect(() => createMemoryStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});
