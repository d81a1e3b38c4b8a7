import { describe, it } from 'vitest';
import type { Store } from './store.ts';
import { describeDeleteIfEqualsContract } from './store-contract-delete-if-equals.ts';
import { describeFieldsContract } from './store-contract-fields.ts';
import { describeGetFieldsManyContract } from './store-contract-get-fields-many.ts';
import { describeScriptContract } from './store-contract-scripts.ts';
import { StoreRefusedError } from './store-refused-error.ts';

/** A fresh store and a key namer unique to the calling test. */
export type StoreContractSetup = () => Promise<{ store: Store; key: (suffix: string) => string }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every `Store` implementation shares. Each test uses its own key prefix, so a
 * factory may hand out stores over the same backend. TTL checks use real time with wide margins.
 *
 * @example
 * describeStoreContract('memory store', () => createMemoryStore());
 */
export function describeStoreContract(
  name: string,
  createStore: () => Store | Promise<Store>,
  kind: Store['kind'],
): void {
  // Concurrent: every test has its own store and key prefix, and most of the time is spent waiting.
  describe.concurrent(`${name} (Store contract)`, () => {
    const setup: StoreContractSetup = async () => {
      const store = await createStore();
      const prefix = `contract:${crypto.randomUUID()}`;
      return { store, key: (suffix: string) => `${prefix}:${suffix}` };
    };

    it(`reports its kind as ${kind}`, async ({ expect }) => {
      const { store } = await setup();
      expect(store.kind).toBe(kind);
    });

    it('answers null for a missing key', async ({ expect }) => {
      const { store, key } = await setup();
      expect(await store.get(key('missing'))).toBeNull();
    });

    const values: Record<string, string> = {
      plain: 'hello',
      json: JSON.stringify({ id: 'chatcmpl-1', choices: [{ text: 'hi' }], n: 1.5, ok: true }),
      'a JSON string literal': '"quoted"',
      'a numeric-looking string': '00123',
      unicode: 'héllo — 日本語 🚀👩🏽‍💻 e\u0301',
      'control characters': '\u0000\u0001\r\n\t\\',
      'the word OK': 'OK',
      'an empty string': '',
      'a 200 kB string': 'x'.repeat(200_000),
    };
    for (const [label, value] of Object.entries(values)) {
      it(`returns ${label} exactly as stored`, async ({ expect }) => {
        const { store, key } = await setup();
        expect(await store.set(key(label), value)).toBe(true);
        expect(await store.get(key(label))).toBe(value);
      });
    }

    it('accepts keys with spaces, colons, slashes and unicode', async ({ expect }) => {
      const { store, key } = await setup();
      const odd = key('a b:c/d?e=f&g#h ünï 🔑');
      await store.set(odd, 'v');
      expect(await store.get(odd)).toBe('v');
      expect(await store.get(key('a b:c/d'))).toBeNull();
    });

    it('overwrites an existing value', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('k'), 'first');
      expect(await store.set(key('k'), 'second')).toBe(true);
      expect(await store.get(key('k'))).toBe('second');
    });

    it('sets with onlyIfAbsent only when the key is missing', async ({ expect }) => {
      const { store, key } = await setup();
      expect(await store.set(key('lock'), 'first', { onlyIfAbsent: true })).toBe(true);
      expect(await store.set(key('lock'), 'second', { onlyIfAbsent: true })).toBe(false);
      expect(await store.get(key('lock'))).toBe('first');
    });

    it('expires a value after ttlMs and keeps it before', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('short'), 'v', { ttlMs: 100 });
      await store.set(key('long'), 'v', { ttlMs: 60_000 });
      expect(await store.get(key('short'))).toBe('v');
      await sleep(300);
      expect(await store.get(key('short'))).toBeNull();
      expect(await store.get(key('long'))).toBe('v');
    });

    it('lets onlyIfAbsent win again once the previous value expired', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('lock'), 'first', { ttlMs: 100, onlyIfAbsent: true });
      await sleep(300);
      expect(await store.set(key('lock'), 'second', { onlyIfAbsent: true })).toBe(true);
      expect(await store.get(key('lock'))).toBe('second');
    });

    it('drops the old expiry when a value is replaced without ttlMs', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('k'), 'old', { ttlMs: 100 });
      await store.set(key('k'), 'new');
      await sleep(300);
      expect(await store.get(key('k'))).toBe('new');
    });

    it('deletes a key, and deleting a missing key is a no-op', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('k'), 'v');
      await store.delete(key('k'));
      expect(await store.get(key('k'))).toBeNull();
      await expect(store.delete(key('never'))).resolves.toBeUndefined();
    });

    it('increments from zero by 1 by default, by any integer when asked', async ({ expect }) => {
      const { store, key } = await setup();
      expect(await store.increment(key('n'))).toBe(1);
      expect(await store.increment(key('n'))).toBe(2);
      expect(await store.increment(key('n'), 40)).toBe(42);
      expect(await store.increment(key('n'), -50)).toBe(-8);
      expect(await store.get(key('n'))).toBe('-8');
    });

    it('increments a value that was set as an integer string', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('n'), '41');
      expect(await store.increment(key('n'))).toBe(42);
    });

    it('counts every one of many concurrent increments', async ({ expect }) => {
      const { store, key } = await setup();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.increment(key('n'), 1, { ttlMs: 60_000 })),
      );
      expect(new Set(results).size).toBe(50);
      expect(await store.get(key('n'))).toBe('50');
    });

    it('applies ttlMs when increment creates the key, then starts over', async ({ expect }) => {
      const { store, key } = await setup();
      expect(await store.increment(key('window'), 5, { ttlMs: 100 })).toBe(5);
      await sleep(300);
      expect(await store.get(key('window'))).toBeNull();
      expect(await store.increment(key('window'), 1, { ttlMs: 100 })).toBe(1);
    });

    it('never extends the expiry of an existing counter', async ({ expect }) => {
      const { store, key } = await setup();
      await store.increment(key('window'), 1, { ttlMs: 250 });
      await sleep(20);
      expect(await store.increment(key('window'), 1, { ttlMs: 60_000 })).toBe(2);
      await sleep(480);
      expect(await store.get(key('window'))).toBeNull();
    });

    it('keeps a counter created without ttlMs', async ({ expect }) => {
      const { store, key } = await setup();
      await store.increment(key('total'));
      await store.increment(key('total'), 1, { ttlMs: 100 });
      await sleep(300);
      expect(await store.get(key('total'))).toBe('2');
    });

    it('refuses incrementing a value that is not an integer, leaving it unchanged', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.set(key('text'), 'abc');
      await expect(store.increment(key('text'))).rejects.toThrow(StoreRefusedError);
      await store.set(key('float'), '1.5');
      await expect(store.increment(key('float'))).rejects.toThrow(StoreRefusedError);
      expect(await store.get(key('text'))).toBe('abc');
    });

    it('refuses a non-integer increment and a non-positive ttlMs', async ({ expect }) => {
      const { store, key } = await setup();
      await expect(store.increment(key('n'), 1.5)).rejects.toThrow(StoreRefusedError);
      await expect(store.increment(key('n'), 1, { ttlMs: 0 })).rejects.toThrow(StoreRefusedError);
      await expect(store.set(key('k'), 'v', { ttlMs: -1 })).rejects.toThrow(StoreRefusedError);
      expect(await store.get(key('n'))).toBeNull();
    });

    it('refuses an increment past the safe integer range, leaving the value', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.increment(key('n'), Number.MAX_SAFE_INTEGER);
      await expect(store.increment(key('n'))).rejects.toThrow(StoreRefusedError);
      expect(await store.get(key('n'))).toBe(String(Number.MAX_SAFE_INTEGER));
      expect(await store.increment(key('n'), -1)).toBe(Number.MAX_SAFE_INTEGER - 1);
    });

    it('answers ping', async ({ expect }) => {
      const { store } = await setup();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describeDeleteIfEqualsContract(setup);
    describeFieldsContract(setup);
    describeGetFieldsManyContract(setup);
    describeScriptContract(setup);
  });
}
