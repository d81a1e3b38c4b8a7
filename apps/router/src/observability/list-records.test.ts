import { expect, it } from 'vitest';
import { describeOnScriptStores } from '../governance/script-test-stores.ts';
import { listRecords } from './list-records.ts';
import { sampleRecord, storeRecord } from './record-test-fixtures.ts';
import { minuteMs } from './store-keys.ts';

describeOnScriptStores('listRecords', (open) => {
  const start = Math.floor(Date.now() / minuteMs) * minuteMs;

  it('stops at its scan budget with a cursor that goes on where it stopped', async () => {
    const { store, at } = await open();
    const now = at(start);
    const hour = Math.floor(start / 3_600_000) * 3_600_000;
    // The two hours before this one each hold a success and a mock/down error, but no successful
    // mock/down answer: their presence counts let them be read (120 minutes, one read), their
    // records do not match. The hour before those has one.
    const newer = [1, 2].flatMap((hours) => [
      sampleRecord(hour - hours * 3_600_000 + 5 * minuteMs),
      sampleRecord(hour - hours * 3_600_000 + 6 * minuteMs, {
        model: 'mock/down',
        status: 'error',
        http_status: 502,
      }),
    ]);
    const older = sampleRecord(hour - 4 * 3_600_000 + 10 * minuteMs, { model: 'mock/down' });
    for (const record of [...newer, older]) await storeRecord(store, record, { now });
    const query = {
      from: hour - 5 * 3_600_000,
      to: hour,
      limit: 10,
      scanBudget: 1,
      filter: { status: 'success', model: 'mock/down', scope: { kind: 'all' as const } },
    };
    const first = await listRecords(store, query);
    if (first.status !== 'ok') throw first.error;
    expect(first.value.records).toEqual([]);
    expect(first.value.nextCursor).toMatch(/^req_[0-9a-f]{12}$/);
    const second = await listRecords(store, { ...query, cursor: first.value.nextCursor ?? '' });
    if (second.status !== 'ok') throw second.error;
    expect(second.value.records.map((record) => record.id)).toEqual([older.id]);
    expect(second.value.nextCursor).toBeNull();
  });

  it('reads nothing of hours that hold no match', async () => {
    const { store, at } = await open();
    const now = at(start);
    await storeRecord(store, sampleRecord(start - 2 * 3_600_000, { team: 'research' }), { now });
    await storeRecord(store, sampleRecord(start - minuteMs), { now });
    const page = await listRecords(store, {
      from: start - 3 * 3_600_000,
      to: start,
      limit: 10,
      scanBudget: 1,
      filter: { team: 'research', scope: { kind: 'all' } },
    });
    if (page.status !== 'ok') throw page.error;
    // The hour of the team's record is the only one read: the budget of one is enough.
    expect(page.value.records.map((record) => record.team)).toEqual(['research']);
    expect(page.value.nextCursor).toBeNull();
  });
});
