import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { commandScript } from './store-contract-script-catalogue.ts';

const minute = 60_000;

function fakeClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('memory store eviction (like Redis volatile-lru)', () => {
  it('evicts the least recently used entry with an expiry when full', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    await store.set('a', '1', { ttlMs: minute });
    await store.set('b', '2', { ttlMs: minute });
    await store.set('c', '3', { ttlMs: minute });
    await store.get('a');
    await store.set('d', '4', { ttlMs: minute });
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
    expect(await store.get('d')).toBe('4');
  });

  it('never evicts entries without an expiry, however old, strings or hashes', async () => {
    const store = createMemoryStore({ maxEntries: 4 });
    await store.set('key-record', 'k');
    await store.incrementFields('team-record', { members: 1 });
    for (let index = 0; index < 20; index += 1) {
      await store.set(`cache:${index}`, 'v', { ttlMs: minute });
    }
    expect(await store.get('key-record')).toBe('k');
    expect(await store.getFields('team-record')).toEqual({ members: '1' });
    expect(await store.get('cache:19')).toBe('v');
    expect(await store.get('cache:0')).toBeNull();
  });

  it('keeps entries past the cap when none has an expiry', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    for (let index = 0; index < 10; index += 1) await store.set(`record:${index}`, String(index));
    for (let index = 0; index < 10; index += 1) {
      expect(await store.get(`record:${index}`)).toBe(String(index));
    }
  });

  it('follows expiries that scripts and writes add or clear', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    const command = (key: string, ...args: string[]) => store.runScript(commandScript, [key], args);
    await store.set('made-permanent', 'v', { ttlMs: minute });
    await command('made-permanent', 'SET', 'v');
    await store.set('made-volatile', 'v');
    await command('made-volatile', 'PEXPIRE', String(minute));
    await store.increment('counter', 1);
    for (let index = 0; index < 5; index += 1) {
      await store.set(`cache:${index}`, 'v', { ttlMs: minute });
    }
    expect(await store.get('made-permanent')).toBe('v');
    expect(await store.get('counter')).toBe('1');
    expect(await store.get('made-volatile')).toBeNull();
  });

  it('drops expired entries before evicting live ones', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now, maxEntries: 3 });
    await store.set('old', '1', { ttlMs: minute });
    await store.set('expiring', '2', { ttlMs: 10 });
    await store.set('live', '3', { ttlMs: minute });
    clock.advance(10);
    await store.set('new', '4', { ttlMs: minute });
    expect(await store.get('old')).toBe('1');
    expect(await store.get('live')).toBe('3');
    expect(await store.get('new')).toBe('4');
  });

  it('evicts a tenth of a large store at once and never exceeds maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 100 });
    for (let index = 0; index < 101; index += 1) {
      await store.set(`k${index}`, 'v', { ttlMs: minute });
    }
    const kept = await Promise.all(
      Array.from({ length: 101 }, (_, index) => store.get(`k${index}`)),
    );
    expect(kept.filter((value) => value !== null)).toHaveLength(90);
    expect(await store.get('k100')).toBe('v');
    expect(await store.get('k0')).toBeNull();
  });
});
