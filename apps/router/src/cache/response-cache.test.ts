import { describe, expect, it } from 'vitest';
import { withFailOpen } from '../store/fail-open-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store } from '../store/store.ts';
import type { LanguageCacheEntry } from './cache-entry.ts';
import { createResponseCache } from './response-cache.ts';

const createdAt = Date.parse('2026-11-21T10:05:00.000Z');

function entryWith(text: string): LanguageCacheEntry {
  return {
    kind: 'language',
    createdAt,
    target: { providerId: 'openai', modelId: 'gpt-4o' },
    result: {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 2, text: 2, reasoning: undefined },
      },
      warnings: [],
    },
    cost: { total: 0.5, input: 0.25, cacheRead: 0, cacheWrite: 0, output: 0.25, currency: 'USD' },
  };
}

function setup(options: { maxEntryBytes?: number; store?: Store } = {}) {
  let now = createdAt;
  const store = options.store ?? createMemoryStore({ now: () => now });
  const cache = createResponseCache({
    store,
    maxEntryBytes: options.maxEntryBytes ?? 1_000_000,
    lockMs: 30_000,
    now: () => now,
  });
  return { cache, store, advance: (ms: number) => (now += ms) };
}

/** A store whose every call rejects, as a stopped Redis does. */
const brokenStore: Store = {
  kind: 'upstash',
  get: () => Promise.reject(new Error('down')),
  set: () => Promise.reject(new Error('down')),
  delete: () => Promise.reject(new Error('down')),
  increment: () => Promise.reject(new Error('down')),
  ping: () => Promise.reject(new Error('down')),
};

describe('createResponseCache', () => {
  it('finds a saved entry under its namespace and key, with its age', async () => {
    const { cache, advance } = setup();
    expect(await cache.lookup('team-a', 'k1')).toBeUndefined();
    expect(await cache.save('team-a', 'k1', entryWith('hello'), 60)).toBe(true);
    advance(2_500);
    const hit = await cache.lookup('team-a', 'k1');
    expect(hit?.entry).toEqual(entryWith('hello'));
    expect(hit?.ageSeconds).toBe(2);
  });

  it('keeps namespaces apart', async () => {
    const { cache } = setup();
    await cache.save('team-a', 'k1', entryWith('for a'), 60);
    expect(await cache.lookup('team-b', 'k1')).toBeUndefined();
  });

  it('stores under sy:cache:{namespace}:{key} with the TTL in milliseconds', async () => {
    const { cache, store, advance } = setup();
    await cache.save('team-a', 'k1', entryWith('hello'), 10);
    expect(await store.get('sy:cache:team-a:k1')).toContain('hello');
    advance(9_999);
    expect(await cache.lookup('team-a', 'k1')).toBeDefined();
    advance(1);
    expect(await cache.lookup('team-a', 'k1')).toBeUndefined();
  });

  it('does not store an entry over the size limit', async () => {
    const { cache } = setup({ maxEntryBytes: 2_048 });
    expect(await cache.save('t', 'small', entryWith('x'.repeat(1_000)), 60)).toBe(true);
    expect(await cache.save('t', 'large', entryWith('x'.repeat(2_048)), 60)).toBe(false);
    expect(await cache.lookup('t', 'large')).toBeUndefined();
  });

  it('measures the size limit in UTF-8 bytes, not characters', async () => {
    const { cache } = setup({ maxEntryBytes: 2_048 });
    // 700 characters, 2,100 bytes.
    expect(await cache.save('t', 'k', entryWith('€'.repeat(700)), 60)).toBe(false);
  });

  it('turns every entry of a purged namespace into a miss, and stores again after', async () => {
    const { cache } = setup();
    await cache.save('team-a', 'k1', entryWith('old'), 60);
    await cache.save('team-b', 'k1', entryWith('other'), 60);
    expect(await cache.purge('team-a')).toBe(1);
    expect(await cache.lookup('team-a', 'k1')).toBeUndefined();
    expect(await cache.lookup('team-b', 'k1')).toBeDefined();
    await cache.save('team-a', 'k1', entryWith('new'), 60);
    expect((await cache.lookup('team-a', 'k1'))?.entry.result.content).toEqual([
      { type: 'text', text: 'new' },
    ]);
  });

  it('treats unreadable stored values as misses', async () => {
    const { cache, store } = setup();
    await store.set('sy:cache:t:garbage', 'not json');
    await store.set('sy:cache:t:wrong', JSON.stringify({ generation: 0, entry: '{"kind":"x"}' }));
    expect(await cache.lookup('t', 'garbage')).toBeUndefined();
    expect(await cache.lookup('t', 'wrong')).toBeUndefined();
  });

  it('gives the lock to one caller at a time until it is released', async () => {
    const { cache } = setup();
    expect(await cache.acquire('t', 'k')).toBe(true);
    expect(await cache.isLocked('t', 'k')).toBe(true);
    expect(await cache.acquire('t', 'k')).toBe(false);
    await cache.release('t', 'k');
    expect(await cache.isLocked('t', 'k')).toBe(false);
    expect(await cache.acquire('t', 'k')).toBe(true);
  });

  it('lets a lock whose holder vanished expire', async () => {
    const { cache, advance } = setup();
    expect(await cache.acquire('t', 'k')).toBe(true);
    advance(30_000);
    expect(await cache.acquire('t', 'k')).toBe(true);
  });

  it('fails open: a failing store is a miss, a skipped save, and no lock to wait for', async () => {
    for (const store of [brokenStore, withFailOpen(brokenStore, { timeBudgetMs: 50 })]) {
      const { cache } = setup({ store });
      expect(await cache.lookup('t', 'k')).toBeUndefined();
      expect(await cache.save('t', 'k', entryWith('x'), 60)).toBe(false);
      expect(await cache.isLocked('t', 'k')).toBe(false);
      await expect(cache.release('t', 'k')).resolves.toBeUndefined();
    }
  });
});
