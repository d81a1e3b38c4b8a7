import { expect, it } from 'vitest';
import { describeOnScriptStores, timeToLiveOf } from '../script-test-stores.ts';
import { createAuditEntry } from './audit-entry.ts';
import { type Change, type CommitStep, commitChange } from './commit-change.ts';

const now = Date.UTC(2026, 11, 6, 12);
const day = 86_400_000;
const context = { actor: 'admin', requestId: 'req_1', ip: '127.0.0.1' };
const audit = (action = 'team.create') =>
  createAuditEntry(context, now, { action, resource: 'team:t', changes: {} });
const change = (steps: CommitStep[]): Change => ({ steps, audit: audit() });
const options = { now, auditRetentionDays: 30 };

describeOnScriptStores('commitChange', (open) => {
  it('writes a record with a version, its index entry and the audit entry together', async () => {
    const { store, at } = await open();
    at(now);
    const entry = audit();
    const result = await commitChange(
      store,
      {
        steps: [
          { op: 'put', key: 'rec', fields: { name: 'a', version: 'ignored' } },
          { op: 'setField', key: 'index', field: 'rec', value: 'A' },
          { op: 'expect', key: 'rec', version: undefined },
        ],
        audit: entry,
      },
      options,
    );
    expect(result).toEqual({
      status: 'ok',
      value: { status: 'committed', versions: [String(now)] },
    });
    expect(await store.getFields('rec')).toEqual({
      status: 'value',
      value: { name: 'a', version: String(now) },
    });
    expect(await store.getFields('index')).toEqual({ status: 'value', value: { rec: 'A' } });
    const auditDay = await store.getFields('sy:audit:2026-12-06');
    expect(auditDay).toEqual({ status: 'value', value: { [entry.id]: JSON.stringify(entry) } });
    const ttl = await timeToLiveOf(store, 'sy:audit:2026-12-06');
    expect(ttl).toBeGreaterThan(29 * day);
    expect(ttl).toBeLessThanOrEqual(30 * day);
  });

  it('raises the version on every put, above the clock and above the last version', async () => {
    const { store, at } = await open();
    at(now);
    const put = (fields: Record<string, string>, atTime: number) =>
      commitChange(store, change([{ op: 'put', key: 'rec', fields }]), { ...options, now: atTime });
    await put({ name: 'a' }, now);
    expect(await put({ name: 'b' }, now)).toMatchObject({ value: { versions: [String(now + 1)] } });
    // A clock that went back never lowers the version.
    expect(await put({ name: 'c' }, now - 5_000)).toMatchObject({
      value: { versions: [String(now + 2)] },
    });
    // A put replaces the whole record: fields left out are gone.
    expect(await store.getFields('rec')).toMatchObject({ value: { name: 'c' } });
  });

  it('writes nothing, not even the audit entry, when a version check fails', async () => {
    const { store, at } = await open();
    at(now);
    await commitChange(store, change([{ op: 'put', key: 'rec', fields: { name: 'a' } }]), options);
    const entry = audit('team.update');
    const result = await commitChange(
      store,
      {
        steps: [
          { op: 'expect', key: 'rec', version: 'stale' },
          { op: 'put', key: 'rec', fields: { name: 'b' } },
          { op: 'setField', key: 'index', field: 'rec', value: 'B' },
        ],
        audit: entry,
      },
      options,
    );
    expect(result).toEqual({ status: 'ok', value: { status: 'conflict', key: 'rec' } });
    expect(await store.getFields('rec')).toMatchObject({ value: { name: 'a' } });
    expect(await store.getFields('index')).toEqual({ status: 'absent' });
    const auditDay = await store.getFields('sy:audit:2026-12-06');
    expect(auditDay.status === 'value' && Object.keys(auditDay.value)).not.toContain(entry.id);
  });

  it('refuses to create over an existing record and to empty a hash that has fields', async () => {
    const { store, at } = await open();
    at(now);
    await commitChange(
      store,
      change([
        { op: 'put', key: 'rec', fields: { name: 'a' } },
        { op: 'setField', key: 'members', field: 'k1', value: '1' },
      ]),
      options,
    );
    const create = change([
      { op: 'expect', key: 'rec', version: undefined },
      { op: 'put', key: 'rec', fields: { name: 'b' } },
    ]);
    expect(await commitChange(store, create, options)).toEqual({
      status: 'ok',
      value: { status: 'conflict', key: 'rec' },
    });
    const remove = change([
      { op: 'empty', key: 'members' },
      { op: 'delete', key: 'rec' },
    ]);
    expect(await commitChange(store, remove, options)).toEqual({
      status: 'ok',
      value: { status: 'not_empty', key: 'members' },
    });
    await commitChange(
      store,
      change([{ op: 'deleteField', key: 'members', field: 'k1' }]),
      options,
    );
    expect(await commitChange(store, remove, options)).toMatchObject({
      value: { status: 'committed', versions: [] },
    });
    expect(await store.getFields('rec')).toEqual({ status: 'absent' });
  });

  it('checks the version a put wrote', async () => {
    const { store, at } = await open();
    at(now);
    const first = await commitChange(
      store,
      change([{ op: 'put', key: 'rec', fields: { name: 'a' } }]),
      options,
    );
    const version =
      first.status === 'ok' && first.value.status === 'committed' ? first.value.versions[0] : '';
    const update = change([
      { op: 'expect', key: 'rec', version },
      { op: 'put', key: 'rec', fields: { name: 'b' } },
    ]);
    expect(await commitChange(store, update, options)).toMatchObject({
      value: { status: 'committed' },
    });
    expect(await commitChange(store, update, options)).toMatchObject({
      value: { status: 'conflict' },
    });
  });
});
