import { describe, expect, it } from 'vitest';
import { guardStore } from '../../store/guarded-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { type AuditEntry, createAuditEntry } from './audit-entry.ts';
import { listAuditEntries } from './audit-log.ts';
import { commitChange } from './commit-change.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 6, 12);
const retention = { now, retentionDays: 30 };

async function withEntries(
  times: number[],
  teamOf: (index: number) => string | undefined = () => undefined,
) {
  const store = guardStore(createMemoryStore({ now: () => now }), { timeBudgetMs: 1_000 });
  const written: AuditEntry[] = [];
  for (const [index, time] of times.entries()) {
    const audit = createAuditEntry(
      { actor: index % 2 ? 'sk-sy-v1-…abcd' : 'admin', requestId: null, ip: null },
      time,
      {
        action: index % 3 === 0 ? 'key.create' : 'key.update',
        resource: `key:${index}`,
        changes: {},
        teamId: teamOf(index),
      },
    );
    await commitChange(store, { steps: [], audit }, { now: time, auditRetentionDays: 30 });
    written.push(audit);
  }
  return { store, written };
}

describe('listAuditEntries', () => {
  it('lists entries newest first across days and pages through them with the cursor', async () => {
    const times = [0, 1, 2, 3, 4, 5, 6].map((index) => now - index * day * 0.7);
    const { store, written } = await withEntries(times);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listAuditEntries(store, { limit: 3, cursor }, retention);
      if (result.status !== 'ok') throw new Error(result.status);
      ids.push(...result.value.entries.map((entry) => entry.id));
      if (result.value.nextCursor === null) break;
      cursor = result.value.nextCursor;
    }
    expect(ids).toEqual(written.map((entry) => entry.id));
  });

  it('filters by action, actor, resource and team', async () => {
    const { store } = await withEntries(
      [now - 5, now - 4, now - 3, now - 2, now - 1, now],
      (index) => (index < 3 ? 'research' : undefined),
    );
    const list = async (query: Record<string, string>) => {
      const result = await listAuditEntries(store, { limit: 50, ...query }, retention);
      return result.status === 'ok' ? result.value.entries.map((entry) => entry.resource) : [];
    };
    expect(await list({ action: 'key.create' })).toEqual(['key:3', 'key:0']);
    expect(await list({ actor: 'admin' })).toEqual(['key:4', 'key:2', 'key:0']);
    expect(await list({ resource: 'key:5' })).toEqual(['key:5']);
    expect(await list({ team: 'research' })).toEqual(['key:2', 'key:1', 'key:0']);
  });

  it('does not look back beyond the retention period', async () => {
    const { store } = await withEntries([now - 40 * day, now - 29 * day]);
    const result = await listAuditEntries(store, { limit: 50 }, retention);
    expect(result.status === 'ok' && result.value.entries.map((entry) => entry.resource)).toEqual([
      'key:1',
    ]);
  });

  it('refuses a cursor it did not hand out', async () => {
    const { store } = await withEntries([now]);
    expect(await listAuditEntries(store, { limit: 5, cursor: 'nope' }, retention)).toMatchObject({
      status: 'invalid',
      param: 'cursor',
    });
  });
});
