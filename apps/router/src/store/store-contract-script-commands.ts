import { it } from 'vitest';
import type { StoreContractSetup } from './store-contract.ts';
import {
  commandScript,
  refuseAfterWriteScript,
  replyShapeScript,
  shapeNames,
} from './store-contract-script-catalogue.ts';
import { StoreRefusedError } from './store-refused-error.ts';

/** What each shape of `replyShapeScript` comes back as: Redis' conversion of Lua values. */
const expectedShapes: Record<string, unknown> = {
  nested: [1, 'two', [3, ['four', '']], null, 2, -2, 1, [], '12'],
  nil: null,
  false: null,
  true: 1,
  fraction: 7,
  negative: -7,
  ok: 'OK',
  empty: [],
};

/** Each command a script may call (`ScriptRedis`), its refusals and Redis' reply conversions. */
export function describeScriptCommandsContract(setup: StoreContractSetup): void {
  const commandRunner = async () => {
    const { store, key } = await setup();
    return (name: string, ...args: string[]) => store.runScript(commandScript, [key(name)], args);
  };

  it('answers SET, SET NX, GET, EXISTS and DEL as Redis does', async ({ expect }) => {
    const run = await commandRunner();
    expect(await run('k', 'GET')).toBeNull();
    expect(await run('k', 'EXISTS')).toBe(0);
    expect(await run('k', 'SET', 'first', 'NX')).toBe('OK');
    expect(await run('k', 'SET', 'second', 'NX', 'PX', '60000')).toBeNull();
    expect(await run('k', 'GET')).toBe('first');
    expect(await run('k', 'EXISTS')).toBe(1);
    expect(await run('k', 'DEL')).toBe(1);
    expect(await run('k', 'DEL')).toBe(0);
    expect(await run('odd', 'SET', 'héllo 🚀 \u0000 "quoted"')).toBe('OK');
    expect(await run('odd', 'GET')).toBe('héllo 🚀 \u0000 "quoted"');
  });

  it('answers PEXPIRE and PTTL as Redis does, and PEXPIRE 0 deletes', async ({ expect }) => {
    const run = await commandRunner();
    expect(await run('k', 'PEXPIRE', '60000')).toBe(0);
    expect(await run('k', 'PTTL')).toBe(-2);
    await run('k', 'SET', 'v');
    expect(await run('k', 'PTTL')).toBe(-1);
    expect(await run('k', 'PEXPIRE', '60000')).toBe(1);
    expect(await run('k', 'PTTL')).toBeGreaterThan(0);
    expect(await run('k', 'PEXPIRE', '0')).toBe(1);
    expect(await run('k', 'EXISTS')).toBe(0);
  });

  it('answers the hash commands as Redis does, and HDEL of the last field drops the key', async ({
    expect,
  }) => {
    const run = await commandRunner();
    expect(await run('h', 'HSET', 'a', '1', 'b', '2', 'a', '3')).toBe(2);
    expect(await run('h', 'HSET', 'b', '4', 'c', '5')).toBe(1);
    expect(await run('h', 'HGET', 'a')).toBe('3');
    expect(await run('h', 'HGET', 'missing')).toBeNull();
    expect(await run('h', 'HLEN')).toBe(3);
    expect(await run('h', 'HINCRBY', 'a', '-10')).toBe(-7);
    expect(await run('h', 'HINCRBY', 'new', '2')).toBe(2);
    expect(pairs(await run('h', 'HGETALL'))).toEqual([
      ['a', '-7'],
      ['b', '4'],
      ['c', '5'],
      ['new', '2'],
    ]);
    expect(await run('h', 'HDEL', 'a', 'b', 'b', 'missing')).toBe(2);
    expect(await run('h', 'HDEL', 'c', 'new')).toBe(2);
    expect(await run('h', 'EXISTS')).toBe(0);
    expect(await run('h', 'HGETALL')).toEqual([]);
    expect(await run('h', 'HLEN')).toBe(0);
  });

  it('refuses what Redis refuses: bad numbers, bad expiries, HSET or HDEL without fields', async ({
    expect,
  }) => {
    const run = await commandRunner();
    await run('text', 'SET', 'abc');
    await run('h', 'HSET', 'text', 'abc');
    const refused = [
      ['text', 'INCRBY', '1'],
      ['n', 'INCRBY', '1.5'],
      ['n', 'INCRBY', ''],
      ['h', 'HINCRBY', 'text', '1'],
      ['h', 'HINCRBY', 'n', 'x'],
      ['k', 'SET', 'v', 'PX', '0'],
      ['k', 'SET', 'v', 'PX', '-5'],
      ['k', 'SET', 'v', 'PX', '2.5'],
      ['text', 'PEXPIRE', '1.5'],
      ['h2', 'HSET'],
      ['h', 'HDEL'],
    ];
    for (const [name = '', ...args] of refused) {
      await expect(run(name, ...args), args.join(' ')).rejects.toThrow(StoreRefusedError);
    }
    expect(await run('text', 'GET')).toBe('abc');
    expect(await run('text', 'PTTL')).toBe(-1);
    expect(await run('k', 'EXISTS')).toBe(0);
    expect(await run('h2', 'EXISTS')).toBe(0);
  });

  it('refuses using a hash as a string and a string as a hash (WRONGTYPE)', async ({ expect }) => {
    const run = await commandRunner();
    await run('string', 'SET', '1');
    await run('hash', 'HSET', 'n', '1');
    const wrongType = [
      ['hash', 'GET'],
      ['hash', 'INCRBY', '1'],
      ['string', 'HGET', 'n'],
      ['string', 'HSET', 'n', '2'],
      ['string', 'HDEL', 'n'],
      ['string', 'HGETALL'],
      ['string', 'HINCRBY', 'n', '1'],
      ['string', 'HLEN'],
    ];
    for (const [name = '', ...args] of wrongType) {
      await expect(run(name, ...args), `${args[0]} on ${name}`).rejects.toThrow(StoreRefusedError);
    }
    expect(await run('string', 'GET')).toBe('1');
    expect(await run('hash', 'HGET', 'n')).toBe('1');
    expect(await run('hash', 'SET', 'now a string')).toBe('OK');
    expect(await run('hash', 'GET')).toBe('now a string');
  });

  it('rejects a script that fails on purpose with StoreRefusedError, keeping earlier writes', async ({
    expect,
  }) => {
    const { store, key } = await setup();
    const failures = [
      ['LIMIT the cap is reached', 'reply'],
      ['ERR budget exceeded', 'reply'],
      ['budget', 'reply'],
      ['the cap is reached', 'raise'],
    ];
    for (const [message = '', how = ''] of failures) {
      const run = store.runScript(refuseAfterWriteScript, [key(message)], ['w', message, how]);
      await expect(run, `${how} ${message}`).rejects.toThrow(StoreRefusedError);
      await expect(
        store.runScript(refuseAfterWriteScript, [key(message)], ['w', message, how]),
      ).rejects.toThrow(/the cap is reached|budget/);
      // Like Redis, a script is atomic but not a transaction: writes before the error stay.
      expect(await store.get(key(message))).toBe('w');
    }
  });

  it('converts replies as Redis converts Lua values: integers, strings, arrays, null', async ({
    expect,
  }) => {
    const { store } = await setup();
    for (const name of shapeNames) {
      expect(await store.runScript(replyShapeScript, [], [name]), name).toEqual(
        expectedShapes[name],
      );
    }
  });
}

/** HGETALL's flat reply as sorted [field, value] pairs (hash order is not part of the contract). */
function pairs(reply: unknown): [string, string][] {
  if (!Array.isArray(reply)) throw new TypeError('HGETALL did not answer an array');
  const result: [string, string][] = [];
  for (let index = 0; index < reply.length; index += 2) {
    result.push([String(reply[index]), String(reply[index + 1])]);
  }
  return result.sort(([left], [right]) => (left < right ? -1 : 1));
}
