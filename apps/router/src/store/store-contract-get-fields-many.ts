import { describe, it } from 'vitest';
import type { StoreContractSetup } from './store-contract.ts';
import { StoreRefusedError } from './store-refused-error.ts';

/** `getFieldsMany` (every hash of a window in one call), part of the store contract. */
export function describeGetFieldsManyContract(setup: StoreContractSetup): void {
  describe('getFieldsMany', () => {
    it('answers each hash in the order of the keys, an empty object for a missing one', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('b'), { ok: 2, failed: 1 });
      await store.incrementFields(key('d'), { ok: 5 });
      const keys = [key('d'), key('missing'), key('b'), key('d')];
      expect(await store.getFieldsMany(keys)).toEqual([
        { ok: '5' },
        {},
        { ok: '2', failed: '1' },
        { ok: '5' },
      ]);
    });

    it('answers an empty array for no keys', async ({ expect }) => {
      const { store } = await setup();
      expect(await store.getFieldsMany([])).toEqual([]);
    });

    it('reads 200 hashes in one call, each exactly as getFields does', async ({ expect }) => {
      const { store, key } = await setup();
      const keys = Array.from({ length: 200 }, (_, index) => key(`bucket:${index}`));
      await Promise.all(
        keys.map((bucket, index) =>
          index % 3 === 0
            ? undefined
            : store.incrementFields(
                bucket,
                Object.fromEntries([
                  ['n', index],
                  ['__proto__', 1],
                ]),
              ),
        ),
      );
      const many = await store.getFieldsMany(keys);
      expect(many).toHaveLength(200);
      expect(many).toEqual(await Promise.all(keys.map((bucket) => store.getFields(bucket))));
      expect(Object.entries(many[1] ?? {}).sort()).toEqual([
        ['__proto__', '1'],
        ['n', '1'],
      ]);
      expect(Object.getPrototypeOf(many[1])).toBe(Object.prototype);
      expect(many[3]).toEqual({});
    });

    it('refuses when one key holds a string, like getFields', async ({ expect }) => {
      const { store, key } = await setup();
      await store.incrementFields(key('hash'), { n: 1 });
      await store.set(key('string'), '1');
      await expect(store.getFieldsMany([key('hash'), key('string')])).rejects.toThrow(
        StoreRefusedError,
      );
      await expect(store.getFields(key('string'))).rejects.toThrow(StoreRefusedError);
      expect(await store.getFieldsMany([key('hash')])).toEqual([{ n: '1' }]);
    });
  });
}
