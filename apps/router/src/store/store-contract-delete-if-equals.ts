import { describe, it } from 'vitest';
import type { StoreContractSetup } from './store-contract.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `deleteIfEquals` (compare-and-delete, how a lock holder releases its lock), part of the contract. */
export function describeDeleteIfEqualsContract(setup: StoreContractSetup): void {
  describe('deleteIfEquals', () => {
    it('deletes a key only while it holds the given value', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('lock'), 'token-a');
      expect(await store.deleteIfEquals(key('lock'), 'token-b')).toBe(false);
      expect(await store.get(key('lock'))).toBe('token-a');
      expect(await store.deleteIfEquals(key('lock'), 'token-a')).toBe(true);
      expect(await store.get(key('lock'))).toBeNull();
      expect(await store.deleteIfEquals(key('lock'), 'token-a')).toBe(false);
    });

    it('compares the whole value exactly, and a missing key equals nothing', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('k'), 'abc');
      for (const other of ['ab', 'abc ', 'ABC', 'abcd']) {
        expect(await store.deleteIfEquals(key('k'), other)).toBe(false);
      }
      expect(await store.get(key('k'))).toBe('abc');
      expect(await store.deleteIfEquals(key('missing'), '')).toBe(false);
      await store.set(key('empty'), '');
      expect(await store.deleteIfEquals(key('empty'), '')).toBe(true);
    });

    it('leaves the key when many concurrent callers hold a wrong token', async ({ expect }) => {
      const { store, key } = await setup();
      await store.set(key('lock'), 'holder');
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          store.deleteIfEquals(key('lock'), `other-${index}`),
        ),
      );
      expect(results.every((deleted) => deleted === false)).toBe(true);
      expect(await store.get(key('lock'))).toBe('holder');
    });

    it('deletes exactly once when many concurrent callers hold the right token', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.set(key('lock'), 'holder');
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => store.deleteIfEquals(key('lock'), 'holder')),
        ...Array.from({ length: 10 }, () => store.deleteIfEquals(key('lock'), 'intruder')),
      ]);
      expect(results.filter((deleted) => deleted)).toHaveLength(1);
      expect(results.slice(10).some((deleted) => deleted)).toBe(false);
      expect(await store.get(key('lock'))).toBeNull();
    });

    it('does not release a lock that expired and was taken by another holder', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      await store.set(key('lock'), 'first', { ttlMs: 100, onlyIfAbsent: true });
      await sleep(300);
      expect(await store.set(key('lock'), 'second', { ttlMs: 60_000, onlyIfAbsent: true })).toBe(
        true,
      );
      expect(await store.deleteIfEquals(key('lock'), 'first')).toBe(false);
      expect(await store.get(key('lock'))).toBe('second');
    });
  });
}
