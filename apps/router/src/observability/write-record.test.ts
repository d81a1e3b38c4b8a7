import { expect, it } from 'vitest';
import { describeOnScriptStores } from '../governance/script-test-stores.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { listRecords } from './list-records.ts';
import { readRecord } from './read-record.ts';
import { sampleRecord, sampleSeries, storeRecord } from './record-test-fixtures.ts';
import { latencyHistogramSlot, rollupSlot } from './rollup-slots.ts';
import { addEncoded } from './sparse-vector.ts';
import { bucketOf, minuteMs, observabilityKeys } from './store-keys.ts';
import { rollupGroupCap } from './write-record.ts';

async function fields(store: GuardedStore, key: string): Promise<Record<string, string>> {
  const read = await store.getFieldsMany([key]);
  if (read.status !== 'ok') throw read.error;
  return read.value[0] ?? {};
}

const found = async (store: GuardedStore, id: string) =>
  (await readRecord(store, id)).status === 'value';

describeOnScriptStores('writeRecord', (open) => {
  // Redis expires keys by its own clock, so every test writes at the real time.
  const start = Math.floor(Date.now() / minuteMs) * minuteMs;

  it('stores the record where its id leads, with the rollups, presence and metrics, in one step', async () => {
    const { store, at } = await open();
    const now = at(start + 5_000);
    const record = sampleRecord(start + 1_000, { cache: 'HIT', saved_cost: 0.001, cost: 0 });
    expect(await storeRecord(store, record, { now })).toBe('written');

    expect(await readRecord(store, record.id)).toEqual({ status: 'value', value: record });
    // Hours fold the keys; minutes and days keep them.
    const groups = {
      minute: 'mock/echo\tmock\tadmin\t',
      hour: 'mock/echo\tmock\t*\t',
      day: 'mock/echo\tmock\tadmin\t',
    };
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const rollup = await fields(
        store,
        observabilityKeys.rollup(granularity, bucketOf(granularity, start)),
      );
      expect(Object.keys(rollup)).toEqual([groups[granularity]]);
      const vector = addEncoded(new Map(), rollup[groups[granularity]] ?? '');
      expect(vector.get(rollupSlot.requests)).toBe(1);
      expect(vector.get(rollupSlot.cache_hits)).toBe(1);
      expect(vector.get(rollupSlot.saved_nanos)).toBe(1_000_000);
      expect(vector.get(rollupSlot.failovers)).toBe(1);
      expect(vector.get(latencyHistogramSlot + 3)).toBe(1);
    }
    const presence = await fields(store, observabilityKeys.presence(bucketOf('hour', start)));
    expect(presence).toMatchObject({
      n: '1',
      'k:admin': '1',
      'm:mock/echo': '1',
      'm:chat': '1',
      's:success': '1',
      'c:200': '1',
    });
    expect(Object.keys(await fields(store, observabilityKeys.metrics))).toEqual([sampleSeries]);
    expect(await fields(store, observabilityKeys.keyNames)).toEqual({ admin: 'admin\t' });
  });

  it('changes nothing when the same record is written again', async () => {
    const { store, at } = await open();
    const now = at(start + 5_000);
    const record = sampleRecord(start);
    await storeRecord(store, record, { now });
    expect(await storeRecord(store, record, { now })).toBe('duplicate');
    const rollup = await fields(store, observabilityKeys.rollup('hour', bucketOf('hour', start)));
    expect(Object.values(rollup)).toEqual([expect.stringMatching(/^0:1,/)]);
    expect(await fields(store, observabilityKeys.index)).toMatchObject({ total: '1' });
  });

  it('folds groups past the cap of a rollup into one overflow group', async () => {
    const { store, at } = await open();
    const now = at(start + 5_000);
    const hour = observabilityKeys.rollup('hour', bucketOf('hour', start));
    const filler = Object.fromEntries(
      Array.from({ length: rollupGroupCap }, (_, index) => [`m${index}\tp\tk\t`, '0:1']),
    );
    const filled = await store.runScript(
      {
        name: 'fill',
        lua: "for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end return 0",
        memory: (redis, [key], args) => {
          for (let index = 0; index < args.length; index += 2) {
            redis.hset(key as string, { [args[index] as string]: args[index + 1] as string });
          }
          return 0;
        },
        parse: () => null,
      },
      [hour],
      Object.entries(filler).flat(),
    );
    expect(filled.status).toBe('ok');
    await storeRecord(store, sampleRecord(start), { now });
    const rollup = await fields(store, hour);
    expect(Object.keys(rollup)).toHaveLength(rollupGroupCap + 1);
    expect(rollup['~other']).toMatch(/^0:1,/);
  });

  it('drops the oldest minutes once the store holds more records than the cap', async () => {
    const { store, at } = await open();
    const records = [0, 1, 2, 3, 4].map((minute) => sampleRecord(start - (10 - minute) * minuteMs));
    for (const record of records) {
      await storeRecord(store, record, { now: at(start), maxRecords: 3 });
    }
    const kept = await Promise.all(records.map((record) => found(store, record.id)));
    // Each write over the cap drops the oldest minute: never more than the cap stays.
    expect(kept).toEqual([false, false, true, true, true]);
    const index = await fields(store, observabilityKeys.index);
    expect(index.total).toBe('3');
    expect(index.oldest).toBe(String(bucketOf('minute', start - 8 * minuteMs)));
  });

  it('keeps the first records of a minute holding more than the cap, and counts the rest', async () => {
    const { store, at } = await open();
    const now = at(start + 50_000);
    const records = [0, 1, 2, 3, 4].map((second) => sampleRecord(start + second * 1_000));
    for (const record of records) await storeRecord(store, record, { now, maxRecords: 3 });
    const kept = await Promise.all(records.map((record) => found(store, record.id)));
    expect(kept).toEqual([true, true, true, false, false]);
    const page = await listRecords(store, {
      from: start,
      to: start + minuteMs,
      limit: 10,
      filter: { scope: { kind: 'all' } },
    });
    if (page.status !== 'ok') throw page.error;
    const newestFirst = records.slice(0, 3).reverse();
    expect(page.value.records.map(({ id }) => id)).toEqual(newestFirst.map(({ id }) => id));
    const minute = bucketOf('minute', start);
    const index = await fields(store, observabilityKeys.index);
    expect(index).toMatchObject({ total: '5', oldest: String(minute), [`m:${minute}`]: '5' });
    const presence = await fields(store, observabilityKeys.presence(bucketOf('hour', start)));
    expect(presence.n).toBe('5');
  });

  it('drops older minutes for the cap but never the current one', async () => {
    const { store, at } = await open();
    const now = at(start + 50_000);
    const older = [0, 1].map((second) => sampleRecord(start - 2 * minuteMs + second * 1_000));
    const current = [0, 1, 2, 3].map((second) => sampleRecord(start + second * 1_000));
    for (const record of [...older, ...current]) {
      await storeRecord(store, record, { now, maxRecords: 3 });
    }
    const kept = await Promise.all([...older, ...current].map((record) => found(store, record.id)));
    expect(kept).toEqual([false, false, true, true, true, false]);
    const minute = bucketOf('minute', start);
    const index = await fields(store, observabilityKeys.index);
    expect(index).toMatchObject({ total: '4', oldest: String(minute), [`m:${minute}`]: '4' });
    expect(Object.keys(index).filter((field) => field.startsWith('m:'))).toEqual([`m:${minute}`]);
  });

  it('runs no retention pass while only the current minute is over the cap', async () => {
    const { store, at } = await open();
    const now = at(start + 50_000);
    for (const second of [0, 1, 2, 3]) {
      await storeRecord(store, sampleRecord(start + second * 1_000), { now, maxRecords: 3 });
    }
    const scripts: string[] = [];
    const runScript = store.runScript.bind(store);
    store.runScript = ((script, ...rest) => {
      scripts.push(script.name);
      return runScript(script, ...rest);
    }) as typeof store.runScript;
    await storeRecord(store, sampleRecord(start + 5_000), { now, maxRecords: 3 });
    // Nothing older is left to drop: a pass per request would be a second round trip for nothing.
    expect(scripts).toEqual(['observability-record']);
  });

  it('drops expired minutes, skipping empty hours to find the next oldest', async () => {
    const { store, at } = await open();
    const retentionMs = 3 * 3_600_000;
    const old = sampleRecord(start - 5 * 3_600_000);
    const recent = sampleRecord(start - 60_000);
    await storeRecord(store, old, { now: at(start), retentionMs: 10 * 3_600_000 });
    await storeRecord(store, recent, { now: at(start), retentionMs });
    expect(await found(store, old.id)).toBe(false);
    expect(await found(store, recent.id)).toBe(true);
    const index = await fields(store, observabilityKeys.index);
    expect(index).toMatchObject({
      total: '1',
      oldest: String(bucketOf('minute', recent.time ? Date.parse(recent.time) : 0)),
    });
    expect(Object.keys(index).filter((field) => field.startsWith('m:'))).toHaveLength(1);
  });
});
