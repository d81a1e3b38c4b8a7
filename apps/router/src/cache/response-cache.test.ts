import { describe, expect, it } from 'vitest';
import { createControlledStore } from '../store/controlled-store.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import type { GuardedStore } from '../store/store-result.ts';
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

function setup(options: { maxEntryBytes?: number; store?: GuardedStore } = {}) {
  let now = createdAt;
  let tokens = 0;
  const memory = createMemoryStore({ now: () => now });
  const store = options.store ?? guardStore(memory, { timeBudgetMs: 1_000 });
  const cache = createResponseCache({
    store,
    maxEntryBytes: options.maxEntryBytes ?? 1_000_000,
    now: () => now,
    token: () => `token-${++tokens}`,
  });
  return { cache, memory, advance: (ms: number) => (now += ms) };
}

/** A guarded store in front of a backend whose every call rejects, as a stopped Redis does. */
const brokenStore = () => guardStore(createControlledStore('reject').store, { timeBudgetMs: 50 });

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
    const { cache, memory, advance } = setup();
    await cache.save('team-a', 'k1', entryWith('hello'), 10);
    expect(await memory.get('sy:cache:team-a:k1')).toContain('hello');
    advance(9_999);
    expect(await cache.lookup('team-a', 'k1')).toBeDefined();
    advance(1);
    expect(await cache.lookup('team-a', 'k1')).toBeUndefined();
  });

  it('reads an entry stored the earlier way, as a JSON string inside the record', async () => {
    const { cache, memory } = setup();
    const earlier = JSON.stringify({ generation: 0, entry: JSON.stringify(entryWith('before')) });
    await memory.set('sy:cache:team-a:old', earlier);
    expect((await cache.lookup('team-a', 'old'))?.entry).toEqual(entryWith('before'));
  });

  it('stores the entry nested in its record, so a hit parses the value once', async () => {
    const { cache, memory } = setup();
    await cache.save('team-a', 'k1', entryWith('hello'), 60);
    const stored = JSON.parse((await memory.get('sy:cache:team-a:k1')) ?? 'null');
    expect(stored).toEqual({ generation: 0, entry: entryWith('hello') });
  });

  it('treats a stored value that is no entry as a miss', async () => {
    const { cache, memory } = setup();
    for (const value of ['null', '7', '"text"', '{"generation":0,"entry":{"kind":"image"}}', '{']) {
      await memory.set('sy:cache:t:bad', value);
      expect(await cache.lookup('t', 'bad'), value).toBeUndefined();
    }
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
    const { cache, memory } = setup();
    await memory.set('sy:cache:t:garbage', 'not json');
    await memory.set('sy:cache:t:wrong', JSON.stringify({ generation: 0, entry: '{"kind":"x"}' }));
    expect(await cache.lookup('t', 'garbage')).toBeUndefined();
    expect(await cache.lookup('t', 'wrong')).toBeUndefined();
  });

  it('gives the lock to one caller at a time, with a token of its own', async () => {
    const { cache } = setup();
    expect(await cache.acquire('t', 'k', 30_000)).toEqual({ status: 'acquired', token: 'token-1' });
    expect(await cache.isLocked('t', 'k')).toBe(true);
    expect(await cache.acquire('t', 'k', 30_000)).toEqual({ status: 'held' });
    expect(await cache.acquire('t', 'other', 30_000)).toMatchObject({ status: 'acquired' });
  });

  it('releases the lock only for the token that holds it', async () => {
    const { cache } = setup();
    await cache.acquire('t', 'k', 30_000);
    await cache.release('t', 'k', 'token-99');
    expect(await cache.isLocked('t', 'k')).toBe(true);
    await cache.release('t', 'k', 'token-1');
    expect(await cache.isLocked('t', 'k')).toBe(false);
    expect(await cache.acquire('t', 'k', 30_000)).toMatchObject({ status: 'acquired' });
  });

  it("leaves a newer leader's lock alone when a leader whose lock expired lets go", async () => {
    const { cache, advance } = setup();
    await cache.acquire('t', 'k', 30_000);
    advance(30_000);
    expect(await cache.acquire('t', 'k', 30_000)).toEqual({ status: 'acquired', token: 'token-2' });
    await cache.release('t', 'k', 'token-1');
    expect(await cache.isLocked('t', 'k')).toBe(true);
  });

  it('bounds each lock by the lockMs of its call', async () => {
    const { cache, advance } = setup();
    await cache.acquire('t', 'short', 1_000);
    await cache.acquire('t', 'long', 60_000);
    advance(1_000);
    expect(await cache.isLocked('t', 'short')).toBe(false);
    expect(await cache.isLocked('t', 'long')).toBe(true);
  });

  it('answers unavailable for the lock when the store cannot tell', async () => {
    const { cache } = setup({ store: brokenStore() });
    expect(await cache.acquire('t', 'k', 30_000)).toEqual({ status: 'unavailable' });
  });

  it('fails open: a failing store is a miss, a skipped save, and no lock to wait for', async () => {
    const { cache } = setup({ store: brokenStore() });
    expect(await cache.lookup('t', 'k')).toBeUndefined();
    expect(await cache.save('t', 'k', entryWith('x'), 60)).toBe(false);
    expect(await cache.isLocked('t', 'k')).toBe(false);
    await expect(cache.release('t', 'k', 'token-1')).resolves.toBeUndefined();
    expect(await cache.purge('t')).toBeUndefined();
  });
});
