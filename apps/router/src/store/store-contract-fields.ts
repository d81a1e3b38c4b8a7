import { describe, it } from 'vitest';
import type { StoreContractSetup } from './store-contract.ts';
import { StoreRefusedError } from './store-refused-error.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hash counters (`incrementFields`, `getFields`) and key kinds, part of the store contract. */
export function describeFieldsContract(setup: StoreContractSetup): void {
  describe('incrementFields and getFields', () => {
    it('answers an empty object for a missing hash', async ({ expect }) => {
      const { store, key } = await setup();
      expect(await store.getFields(key('missing'))).toEqual({});
    });

    it('adds each amount to its field, counting missing fields as zero', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('h'), { requests: 1, tokens: 20 });
      await store.incrementFields(key('h'), { tokens: 5, refunds: -3, zero: 0 });
      expect(await store.getFields(key('h'))).toEqual({
        requests: '1',
        tokens: '25',
        refunds: '-3',
        zero: '0',
      });
    });

    it('keeps field names exactly, __proto__ included as a plain field', async ({ expect }) => {
      const { store, key } = await setup();
      const names = ['model:openai/gpt-4o mini', 'ünï 🔑', '', '__proto__', 'constructor'];
      const amounts = Object.fromEntries(names.map((name, index) => [name, index + 1]));
      await store.incrementFields(key('h'), amounts);
      const fields = await store.getFields(key('h'));
      expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
      expect(Object.entries(fields).sort()).toEqual(
        names.map((name, index) => [name, String(index + 1)]).sort(),
      );
    });

    it('counts every one of many concurrent incrementFields', async ({ expect }) => {
      const { store, key } = await setup();
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.incrementFields(key('h'), { requests: 1, tokens: 7 }, { ttlMs: 60_000 }),
        ),
      );
      expect(await store.getFields(key('h'))).toEqual({ requests: '50', tokens: '350' });
    });

    it('applies ttlMs when incrementFields creates the hash, then starts over', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('window'), { n: 5 }, { ttlMs: 100 });
      await sleep(300);
      expect(await store.getFields(key('window'))).toEqual({});
      await store.incrementFields(key('window'), { n: 1 }, { ttlMs: 100 });
      expect(await store.getFields(key('window'))).toEqual({ n: '1' });
    });

    it('never extends the expiry of an existing hash', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('window'), { n: 1 }, { ttlMs: 250 });
      await sleep(20);
      await store.incrementFields(key('window'), { n: 1, other: 1 }, { ttlMs: 60_000 });
      expect(await store.getFields(key('window'))).toEqual({ n: '2', other: '1' });
      await sleep(480);
      expect(await store.getFields(key('window'))).toEqual({});
    });

    it('keeps a hash created without ttlMs', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('total'), { n: 1 });
      await store.incrementFields(key('total'), { n: 1 }, { ttlMs: 100 });
      await sleep(300);
      expect(await store.getFields(key('total'))).toEqual({ n: '2' });
    });

    it('refuses a sum past the safe integer range, changing no field', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('h'), { big: Number.MAX_SAFE_INTEGER });
      await expect(store.incrementFields(key('h'), { first: 1, big: 1 })).rejects.toThrow(
        StoreRefusedError,
      );
      expect(await store.getFields(key('h'))).toEqual({ big: String(Number.MAX_SAFE_INTEGER) });
    });

    it('refuses a non-integer amount and a non-positive ttlMs, changing nothing', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await expect(store.incrementFields(key('h'), { a: 1, b: 1.5 })).rejects.toThrow(
        StoreRefusedError,
      );
      await expect(store.incrementFields(key('h'), { a: Number.NaN })).rejects.toThrow(
        StoreRefusedError,
      );
      await expect(store.incrementFields(key('h'), { a: 1 }, { ttlMs: 0 })).rejects.toThrow(
        StoreRefusedError,
      );
      expect(await store.getFields(key('h'))).toEqual({});
    });

    it('does nothing for empty amounts: no hash, no expiry', async ({ expect }) => {
      const { store, key } = await setup();
      await expect(store.incrementFields(key('h'), {}, { ttlMs: 100 })).resolves.toBeUndefined();
      expect(await store.getFields(key('h'))).toEqual({});
    });

    it('deletes a hash with delete, and set replaces it with a string', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('a'), { n: 1 });
      await store.delete(key('a'));
      expect(await store.getFields(key('a'))).toEqual({});
      await store.incrementFields(key('b'), { n: 1 });
      await store.set(key('b'), 'text');
      expect(await store.get(key('b'))).toBe('text');
    });

    it('refuses using a hash as a string and a string as a hash, changing neither', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.set(key('string'), '1');
      await expect(store.incrementFields(key('string'), { n: 1 })).rejects.toThrow(
        StoreRefusedError,
      );
      await expect(store.getFields(key('string'))).rejects.toThrow(StoreRefusedError);
      expect(await store.get(key('string'))).toBe('1');
      await store.incrementFields(key('hash'), { n: 1 });
      await expect(store.get(key('hash'))).rejects.toThrow(StoreRefusedError);
      await expect(store.increment(key('hash'))).rejects.toThrow(StoreRefusedError);
      await expect(store.deleteIfEquals(key('hash'), '1')).rejects.toThrow(StoreRefusedError);
      expect(await store.getFields(key('hash'))).toEqual({ n: '1' });
    });
  });
}
