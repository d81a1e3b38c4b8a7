import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { describeStoreContract } from './store-contract.ts';
import type { StoreScript } from './store-script.ts';

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

  it('runs a script at one time, as Redis does: what expires while it runs is there to its end', async () => {
    let time = 1_000_000;
    // A clock that moves a millisecond each time it is read.
    const store = createMemoryStore({ now: () => time++ });
    const seen: StoreScript<unknown> = {
      name: 'seen',
      lua: '',
      memory(redis, [key]) {
        redis.set(key as string, 'v', { px: 1 });
        return [
          redis.exists(key as string),
          redis.exists(key as string),
          redis.pttl(key as string),
        ];
      },
      parse: (reply) => reply,
    };
    expect(await store.runScript(seen, ['k'], [])).toEqual([1, 1, 1]);
    expect(await store.get('k')).toBeNull();
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
