import { type RedisServer, startRedisServer } from '@switchyard/testkit/redis';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeToLiveOf } from '../governance/script-test-stores.ts';
import { guardStore } from '../store/guarded-store.ts';
import { createMemoryEntries } from '../store/memory-entries.ts';
import { createMemoryScriptRedis } from '../store/memory-script-redis.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createRedisStore, type RedisStore } from '../store/redis-store.ts';
import type { GuardedStore } from '../store/store-result.ts';
import type { ScriptRedis, StoreScript } from '../store/store-script.ts';
import { recordScript } from './record-script.ts';
import { arbitraryRecord, sampleRecord, sampleSeries } from './record-test-fixtures.ts';
import type { RequestRecord } from './request-record.ts';
import { dayMs, minuteMs, overflowField } from './store-keys.ts';
import { recordArguments, type WriteRecordOptions, writeRecord } from './write-record.ts';

// The twin's first version, kept as the oracle: each vector parsed with a regex into a Map,
// sorted and written back; one-field HSETs as object literals.

function referenceAddVector(
  redis: ScriptRedis,
  key: string,
  field: string,
  increment: string,
  cap: number,
  ttl: number,
): void {
  let target = field;
  let current = redis.hget(key, target);
  if (current === null && cap > 0 && redis.hlen(key) >= cap) {
    target = overflowField;
    current = redis.hget(key, target);
  }
  const sums = new Map<number, number>();
  const take = (text: string) => {
    for (const [, index, value] of text.matchAll(/(\d+):(-?\d+)/g)) {
      const slot = Number(index);
      sums.set(slot, (sums.get(slot) ?? 0) + Number(value));
    }
  };
  if (current !== null) take(current);
  take(increment);
  const parts = [...sums.keys()]
    .sort((a, b) => a - b)
    .filter((slot) => sums.get(slot) !== 0)
    .map((slot) => `${slot}:${sums.get(slot)}`);
  redis.hset(key, { [target]: parts.join(',') });
  if (ttl > 0 && redis.pttl(key) === -1) redis.pexpire(key, ttl);
}

function referenceTwin(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  const key = (position: string | undefined) => keys[Number(position) - 1] as string;
  const arg = (position: number) => args[position - 1] as string;
  const [log, index, presence] = keys as [string, string, string];
  const id = arg(1);
  const minute = Number(arg(3));
  if (redis.hget(log, id) !== null) return [0, 0, 0];
  redis.hset(log, { [id]: arg(2) });
  if (redis.pttl(log) === -1) redis.pexpire(log, Number(arg(4)));
  redis.hincrby(index, `m:${arg(3)}`, 1);
  redis.hincrby(index, `h:${Math.floor(minute / 60)}`, 1);
  const total = redis.hincrby(index, 'total', 1);
  let oldest = Number(redis.hget(index, 'oldest') ?? Number.NaN);
  if (Number.isNaN(oldest) || minute < oldest) {
    oldest = minute;
    redis.hset(index, { oldest: arg(3) });
  }
  let at = 8;
  const fields = Number(arg(at));
  for (let i = 1; i <= fields; i += 1) redis.hincrby(presence, arg(at + i), 1);
  if (redis.pttl(presence) === -1) redis.pexpire(presence, Number(arg(5)));
  at += fields + 1;
  const sets = Number(arg(at));
  for (let i = 0; i < sets; i += 1) {
    const base = at + 1 + i * 3;
    redis.hset(key(arg(base)), { [arg(base + 1)]: arg(base + 2) });
  }
  at += 1 + sets * 3;
  for (; at + 4 <= args.length; at += 5) {
    const cap = Number(arg(at + 3));
    referenceAddVector(redis, key(arg(at)), arg(at + 1), arg(at + 4), cap, Number(arg(at + 2)));
  }
  const cleanup = total > Number(arg(7)) || oldest < Number(arg(6)) ? 1 : 0;
  return [1, cleanup, oldest];
}

const options = (record: RequestRecord, now: number): WriteRecordOptions => ({
  now,
  retentionMs: 30 * dayMs,
  maxRecords: 1_000_000,
  series: sampleSeries,
  keySeries: `${record.key.label}\t${record.team ?? ''}`,
});

/** One write of a run: a record (or the one before again), small caps, a field set by hand. */
const write = (time: number) =>
  fc.record({
    record: arbitraryRecord(time),
    again: fc.boolean(),
    cap: fc.constantFrom(0, 1, 2),
    scrawl: fc.constantFrom(undefined, '0:-1,3:5', '5:1,0:2,x:3,0:1', '7:-1,,3:0'),
  });

describe('the record script twin', () => {
  const time = Date.UTC(2026, 11, 7, 12, 30);

  it('leaves the store its first version left, for any run of writes', () => {
    fc.assert(
      fc.property(fc.array(write(time), { minLength: 1, maxLength: 25 }), (writes) => {
        let clock = time;
        const [twin, reference] = [0, 1].map(() =>
          createMemoryScriptRedis(
            createMemoryEntries(() => clock, 10_000),
            () => clock,
          ),
        ) as [ScriptRedis, ScriptRedis];
        const touched = new Set<string>();
        let previous: RequestRecord | undefined;
        for (const { record: drawn, again, cap, scrawl } of writes) {
          const record = again && previous !== undefined ? previous : drawn;
          previous = record;
          clock = Date.parse(record.time) + 1_000;
          const { keys, args } = recordArguments(record, options(record, clock));
          // Caps of a field or two fold new groups into the overflow field at once.
          if (cap > 0) {
            for (let vector = 1; vector <= 5; vector += 1)
              args[args.length - 5 * vector + 3] = String(cap);
          }
          if (scrawl !== undefined) {
            // The minute rollup's group becomes `g`, a field written by hand (maybe out of form).
            for (const redis of [twin, reference]) redis.hset(keys[4] as string, { g: scrawl });
            args[args.length - 24] = 'g';
          }
          for (const key of keys) touched.add(key);
          expect(recordScript.memory(twin, keys, args)).toEqual(
            referenceTwin(reference, keys, args),
          );
        }
        const dump = (redis: ScriptRedis) =>
          [...touched].map((key) => [key, redis.hgetall(key), redis.pttl(key)]);
        expect(dump(twin)).toEqual(dump(reference));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the record script on Redis', () => {
  let server: RedisServer;
  let plain: RedisStore;
  beforeAll(async () => {
    server = await startRedisServer();
    plain = createRedisStore({ url: server.url });
  });
  afterAll(async () => {
    await plain?.close();
    await server?.stop();
  });

  it('leaves the store its twin leaves, for any run of records', async () => {
    const redis = guardStore(plain, { timeBudgetMs: 5_000 });
    // Redis expires keys by its own clock, so the records are recent and written at real time.
    const start = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord(start), { maxLength: 12 }), async (records) => {
        await flushed(redis);
        const memory = guardStore(createMemoryStore(), { timeBudgetMs: 5_000 });
        const touched = new Set<string>();
        for (const record of [...records, ...records.slice(0, 2)]) {
          const now = Date.now();
          for (const key of recordArguments(record, options(record, now)).keys) touched.add(key);
          const written = await writeRecord(redis, record, options(record, now));
          expect(await writeRecord(memory, record, options(record, now))).toEqual(written);
        }
        const keys = [...touched];
        expect(await fieldsOf(memory, keys)).toEqual(await fieldsOf(redis, keys));
        for (const key of keys) {
          const inMemory = await timeToLiveOf(memory, key);
          const inRedis = await timeToLiveOf(redis, key);
          if (inRedis < 0) expect(inMemory).toBe(inRedis);
          else expect(Math.abs(inMemory - inRedis)).toBeLessThan(10_000);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('leaves the store its twin leaves when one minute holds more records than the cap', async () => {
    const redis = guardStore(plain, { timeBudgetMs: 5_000 });
    await flushed(redis);
    const memory = guardStore(createMemoryStore(), { timeBudgetMs: 5_000 });
    const now = Date.now();
    const minuteStart = Math.floor(now / minuteMs) * minuteMs;
    const records = [
      ...[0, 1].map((offset) => sampleRecord(minuteStart - 2 * minuteMs + offset)),
      ...[0, 1, 2, 3, 4].map((offset) => sampleRecord(minuteStart + offset)),
    ];
    const touched = new Set<string>();
    for (const record of records) {
      const capped = { ...options(record, now), maxRecords: 3 };
      for (const key of recordArguments(record, capped).keys) touched.add(key);
      const written = await writeRecord(redis, record, capped);
      expect(await writeRecord(memory, record, capped)).toEqual(written);
    }
    const keys = [...touched];
    const fields = await fieldsOf(redis, keys);
    expect(await fieldsOf(memory, keys)).toEqual(fields);
    // The older minute went for the cap; the current one kept its first three records.
    const stored = fields.map((hash) => Object.keys(hash).filter((id) => id.startsWith('req_')));
    expect(stored.map((ids) => ids.sort())).toContainEqual(records.slice(2, 5).map(({ id }) => id));
    expect(stored.flat()).toHaveLength(3);
  });
});

const flush: StoreScript<null> = {
  name: 'flush',
  lua: "redis.call('FLUSHDB') return false",
  memory: () => null,
  parse: () => null,
};

async function flushed(store: GuardedStore): Promise<void> {
  const result = await store.runScript(flush, [], []);
  if (result.status !== 'ok') throw result.error;
}

async function fieldsOf(store: GuardedStore, keys: string[]) {
  const read = await store.getFieldsMany(keys);
  if (read.status !== 'ok') throw read.error;
  return read.value;
}
