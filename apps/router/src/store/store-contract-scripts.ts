import { describe, it } from 'vitest';
import type { StoreContractSetup } from './store-contract.ts';
import {
  admitUnderCapScript,
  commandScript,
  readBothScript,
  transferScript,
} from './store-contract-script-catalogue.ts';
import { describeScriptCommandsContract } from './store-contract-script-commands.ts';
import { StoreRefusedError } from './store-refused-error.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `runScript`, part of the store contract: scripts and plain operations share the same data and
 * expiries, and a script runs as one step. The memory store runs the catalogue's JavaScript
 * twins, the others its Lua, so the twins are held to real Redis semantics.
 */
export function describeScriptContract(setup: StoreContractSetup): void {
  describe('runScript', () => {
    it('writes strings that get reads, and reads what set wrote', async ({ expect }) => {
      const { store, key } = await setup();
      const run = (...args: string[]) => store.runScript(commandScript, [key('k')], args);
      expect(await run('SET', 'from a script')).toBe('OK');
      expect(await store.get(key('k'))).toBe('from a script');
      await store.set(key('k'), 'from set');
      expect(await run('GET')).toBe('from set');
      await expect(store.increment(key('k'))).rejects.toThrow(StoreRefusedError);
      await run('SET', '41');
      expect(await store.increment(key('k'))).toBe(42);
      expect(await run('INCRBY', '-2')).toBe(40);
      expect(await store.get(key('k'))).toBe('40');
    });

    it('writes hashes that getFields reads, and reads what incrementFields wrote', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      const run = (...args: string[]) => store.runScript(commandScript, [key('h')], args);
      expect(await run('HSET', 'a', '1', '__proto__', 'x')).toBe(2);
      expect(await store.getFields(key('h'))).toEqual(
        Object.fromEntries([
          ['a', '1'],
          ['__proto__', 'x'],
        ]),
      );
      await store.incrementFields(key('h'), { a: 2, b: 5 });
      expect(await run('HGET', 'a')).toBe('3');
      expect(await run('HINCRBY', 'b', '-1')).toBe(4);
      expect(await store.getFieldsMany([key('h')])).toEqual([
        Object.fromEntries([
          ['a', '3'],
          ['__proto__', 'x'],
          ['b', '4'],
        ]),
      ]);
    });

    it('keeps an expiry through INCRBY and HSET, and SET without PX clears it', async ({
      expect,
    }) => {
      const { store, key } = await setup();
      const run = (name: string, ...args: string[]) =>
        store.runScript(commandScript, [key(name)], args);
      await run('counter', 'SET', '1', 'PX', '60000');
      await run('counter', 'INCRBY', '5');
      await store.increment(key('counter'), 1);
      expect(await run('counter', 'PTTL')).toBeGreaterThan(0);
      expect(await run('counter', 'PTTL')).toBeLessThanOrEqual(60_000);
      await run('counter', 'SET', 'replaced');
      expect(await run('counter', 'PTTL')).toBe(-1);

      await run('hash', 'HSET', 'a', '1');
      expect(await run('hash', 'PEXPIRE', '60000')).toBe(1);
      await run('hash', 'HSET', 'b', '2');
      await run('hash', 'HINCRBY', 'a', '1');
      await store.incrementFields(key('hash'), { a: 1 });
      expect(await run('hash', 'PTTL')).toBeGreaterThan(0);
      expect(await run('hash', 'PTTL')).toBeLessThanOrEqual(60_000);
    });

    it('sees the expiries plain operations set, and they see its expiries', async ({ expect }) => {
      const { store, key } = await setup();
      const pttl = (name: string) => store.runScript(commandScript, [key(name)], ['PTTL']);
      await store.set(key('set'), 'v', { ttlMs: 60_000 });
      await store.increment(key('counter'), 1, { ttlMs: 60_000 });
      await store.incrementFields(key('hash'), { n: 1 }, { ttlMs: 60_000 });
      await store.set(key('forever'), 'v');
      for (const name of ['set', 'counter', 'hash']) expect(await pttl(name)).toBeGreaterThan(0);
      expect(await pttl('forever')).toBe(-1);
      expect(await pttl('missing')).toBe(-2);

      await store.runScript(commandScript, [key('short')], ['SET', '1', 'PX', '100']);
      await store.runScript(commandScript, [key('forever')], ['PEXPIRE', '100']);
      await sleep(300);
      expect(await store.get(key('short'))).toBeNull();
      expect(await store.get(key('forever'))).toBeNull();
      expect(await store.increment(key('short'))).toBe(1);
    });

    it('never lets 200 concurrent check-and-increment scripts pass the cap', async ({ expect }) => {
      const { store, key } = await setup();
      const admitted = await Promise.all(
        Array.from({ length: 200 }, () =>
          store.runScript(admitUnderCapScript, [key('admissions')], ['50', '60000']),
        ),
      );
      expect(admitted.filter((reply) => reply === 1)).toHaveLength(50);
      expect(admitted.filter((reply) => reply === 0)).toHaveLength(150);
      expect(await store.get(key('admissions'))).toBe('50');
    });

    it('never shows a concurrent reader half of a script’s writes', async ({ expect }) => {
      const { store, key } = await setup();
      const accounts = [key('from'), key('to')];
      await store.incrementFields(key('from'), { units: 1_000 });
      await store.incrementFields(key('to'), { units: 0 });
      const calls = Array.from({ length: 100 }, (_, index) =>
        index % 2 === 0
          ? store.runScript(transferScript, accounts, ['1'])
          : store.runScript(readBothScript, accounts, []),
      );
      const replies = await Promise.all(calls);
      for (const reply of replies.filter(Array.isArray)) {
        expect(Number(reply[0]) + Number(reply[1])).toBe(1_000);
      }
      expect(await store.getFields(key('to'))).toEqual({ units: '50' });
    });

    describeScriptCommandsContract(setup);
  });
}
