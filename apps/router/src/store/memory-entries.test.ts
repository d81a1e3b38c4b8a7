import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryEntries, type MemoryEntries, type MemoryEntry } from './memory-entries.ts';
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

/** The first version of the entries, kept as the oracle: every read moves its key to the end. */
function referenceEntries(now: () => number, maxEntries: number): MemoryEntries {
  const evictTo = maxEntries - Math.floor(maxEntries / 10);
  const volatile = new Map<string, MemoryEntry>();
  const persistent = new Map<string, MemoryEntry>();
  const size = () => volatile.size + persistent.size;
  const isExpired = (entry: MemoryEntry, at: number) =>
    entry.expiresAt !== undefined && entry.expiresAt <= at;
  const evict = () => {
    const at = now();
    for (const [key, entry] of volatile) {
      if (isExpired(entry, at)) volatile.delete(key);
    }
    for (const key of volatile.keys()) {
      if (size() <= evictTo) break;
      volatile.delete(key);
    }
  };
  return {
    read(key) {
      const permanent = persistent.get(key);
      if (permanent) return permanent;
      const entry = volatile.get(key);
      if (!entry) return undefined;
      volatile.delete(key);
      if (isExpired(entry, now())) return undefined;
      volatile.set(key, entry);
      return entry;
    },
    write(key, entry) {
      volatile.delete(key);
      persistent.delete(key);
      (entry.expiresAt === undefined ? persistent : volatile).set(key, entry);
      if (size() > maxEntries) evict();
    },
    delete(key) {
      volatile.delete(key);
      persistent.delete(key);
    },
  };
}

describe('memory entries', () => {
  it('keep, expire and evict what their first version did, for any run of operations', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('read' as const), key }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.nat({ max: 30 }) }),
      fc.record({
        kind: fc.constant('write' as const),
        key,
        ttl: fc.option(fc.integer({ min: 1, max: 40 })),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (run, cap) => {
          let clock = 0;
          const entries = createMemoryEntries(() => clock, cap);
          const reference = referenceEntries(() => clock, cap);
          const read = (from: MemoryEntries, at: string) => {
            const entry = from.read(at);
            return entry && { value: entry.value, expiresAt: entry.expiresAt };
          };
          run.forEach((step, index) => {
            if (step.kind === 'wait') clock += step.ms;
            else if (step.kind === 'read')
              expect(read(entries, step.key)).toEqual(read(reference, step.key));
            else if (step.kind === 'delete') {
              entries.delete(step.key);
              reference.delete(step.key);
            } else {
              const expiresAt = step.ttl === null ? undefined : clock + step.ttl;
              entries.write(step.key, { value: String(index), expiresAt });
              reference.write(step.key, { value: String(index), expiresAt });
            }
          });
          for (const at of ['a', 'b', 'c', 'd', 'e', 'f']) {
            expect(read(entries, at)).toEqual(read(reference, at));
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
