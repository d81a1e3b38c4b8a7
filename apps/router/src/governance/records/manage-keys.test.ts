import { describe, expect, it } from 'vitest';
import { guardStore } from '../../store/guarded-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { GuardedStore } from '../../store/store-result.ts';
import { toNanos } from '../scope-record.ts';
import { describeOnScriptStores } from '../script-test-stores.ts';
import { governanceKeys } from '../store-keys.ts';
import { listAuditEntries } from './audit-log.ts';
import { createKey } from './create-key.ts';
import { hashApiKey } from './key-material.ts';
import { listKeys } from './list-records.ts';
import { createTeam, updateTeam } from './manage-teams.ts';
import type { ManagementContext, ManageResult } from './management-result.ts';
import { readKeyRecord } from './read-records.ts';
import { rotateKey } from './rotate-key.ts';
import { deleteKey, updateKey } from './update-key.ts';

const secret = new TextEncoder().encode('secret');
const now = Date.UTC(2026, 11, 6, 12);

function setup() {
  const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 });
  const context = (extra: Partial<ManagementContext> = {}): ManagementContext => ({
    store,
    now,
    auditRetentionDays: 30,
    audit: { actor: 'admin', requestId: 'req_1', ip: '10.0.0.1' },
    ...extra,
  });
  return { store, context };
}

function ok<Value>(result: ManageResult<Value>): Value {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

async function auditOf(store: GuardedStore, action?: string) {
  const page = ok(
    await listAuditEntries(store, { limit: 100, action }, { now, retentionDays: 30 }),
  );
  return page.entries;
}

describe('stored keys', () => {
  it('creates a key shown once, stored only as its HMAC, indexed and audited', async () => {
    const { store, context } = setup();
    const created = ok(
      await createKey(context(), { name: 'ci', limitNanos: toNanos(5), rpm: 60 }, secret),
    );
    const hash = hashApiKey(secret, created.key);
    expect(created.record).toMatchObject({ hash, scopeId: hash, role: 'inference', name: 'ci' });
    expect(created.record.label).toBe(`sk-sy-v1-…${created.key.slice(-4)}`);
    expect(await readKeyRecord(store, hash)).toEqual({ status: 'value', value: created.record });
    expect(await store.getFields(governanceKeys.keyIndex)).toEqual({
      status: 'value',
      value: { [hash]: '' },
    });
    const [entry] = await auditOf(store);
    expect(entry).toMatchObject({
      action: 'key.create',
      resource: `key:${hash}`,
      actor: 'admin',
      request_id: 'req_1',
      ip: '10.0.0.1',
      changes: {
        name: { old: null, new: 'ci' },
        limit: { old: null, new: 5 },
        rpm: { old: null, new: 60 },
      },
    });
    expect(JSON.stringify(await store.getFieldsMany([governanceKeys.key(hash)]))).not.toContain(
      created.key,
    );
    expect(JSON.stringify(entry)).not.toContain(created.key);
  });

  it('updates, clears with null, raises the version and audits old and new values', async () => {
    const { store, context } = setup();
    const { record } = ok(await createKey(context(), { name: 'ci', rpm: 60, tpm: 1000 }, secret));
    const later = context({ now: now + 1_000 });
    const updated = ok(
      await updateKey(later, record.hash, { rpm: 120, tpm: null, disabled: true }),
    );
    expect(updated.limits).toEqual({ rpm: 120 });
    expect(updated.disabled).toBe(true);
    expect(Number(updated.version)).toBeGreaterThan(Number(record.version));
    expect(updated.createdAt).toBe(now);
    const [entry] = await auditOf(store, 'key.update');
    expect(entry).toMatchObject({
      action: 'key.update',
      changes: {
        rpm: { old: 60, new: 120 },
        tpm: { old: 1000, new: null },
        disabled: { old: false, new: true },
      },
    });
    expect(Object.keys(entry?.changes ?? {})).toEqual(['disabled', 'rpm', 'tpm']);
  });

  it('writes no audit entry for a change that changes nothing', async () => {
    const { store, context } = setup();
    const { record } = ok(await createKey(context(), { name: 'ci', rpm: 60 }, secret));
    ok(await updateKey(context(), record.hash, { rpm: 60 }));
    expect(await auditOf(store)).toHaveLength(1);
  });

  it('applies two concurrent changes both, the later one after re-reading', async () => {
    const { store, context } = setup();
    const { record } = ok(await createKey(context(), { name: 'ci' }, secret));
    const results = await Promise.all([
      updateKey(context(), record.hash, { rpm: 1 }),
      updateKey(context(), record.hash, { tpm: 5 }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['ok', 'ok']);
    const stored = await readKeyRecord(store, record.hash);
    expect(stored.status === 'value' && stored.value.limits).toEqual({ rpm: 1, tpm: 5 });
  });

  it('keeps a key within its team: its models, and a team-limited caller to that team', async () => {
    const { store, context } = setup();
    ok(await createTeam(context(), 'research', { name: 'Research', models: ['openai/*'] }));
    ok(await createTeam(context(), 'sales', { name: 'Sales' }));
    const outside = await createKey(
      context(),
      { name: 'k', teamId: 'research', models: ['anthropic/*'] },
      secret,
    );
    expect(outside).toMatchObject({ status: 'invalid', param: 'models' });
    expect(await createKey(context(), { name: 'k', teamId: 'nope' }, secret)).toMatchObject({
      status: 'invalid',
      param: 'team_id',
    });
    const teamAdmin = context({ team: 'research' });
    const inTeam = ok(await createKey(teamAdmin, { name: 'k', models: ['openai/gpt-4o'] }, secret));
    expect(inTeam.record.teamId).toBe('research');
    expect(await createKey(teamAdmin, { name: 'k', teamId: 'sales' }, secret)).toMatchObject({
      status: 'forbidden',
    });
    const other = ok(await createKey(context(), { name: 'other', teamId: 'sales' }, secret));
    expect(await updateKey(teamAdmin, other.record.hash, { rpm: 1 })).toMatchObject({
      status: 'not_found',
    });
    expect(await updateKey(teamAdmin, inTeam.record.hash, { teamId: 'sales' })).toMatchObject({
      status: 'forbidden',
    });
    const listed = ok(await listKeys(teamAdmin, { offset: 0, limit: 10, includeDisabled: true }));
    expect(listed.map((key) => key.hash)).toEqual([inTeam.record.hash]);
    expect(await store.getFields(governanceKeys.teamKeys('research'))).toEqual({
      status: 'value',
      value: { [inTeam.record.hash]: '1' },
    });
  });

  it("revokes a key after its team's models narrowed; a change of models is still checked", async () => {
    const { context } = setup();
    ok(await createTeam(context(), 'research', { name: 'Research', models: ['openai/*'] }));
    const { record } = ok(
      await createKey(
        context(),
        { name: 'k', teamId: 'research', models: ['openai/gpt-4o'] },
        secret,
      ),
    );
    ok(await updateTeam(context(), 'research', { models: ['anthropic/*'] }));
    const teamAdmin = context({ team: 'research' });
    expect(await updateKey(teamAdmin, record.hash, { disabled: true })).toMatchObject({
      status: 'ok',
      value: { disabled: true },
    });
    expect(await updateKey(teamAdmin, record.hash, { name: 'renamed' })).toMatchObject({
      status: 'ok',
    });
    expect(await updateKey(teamAdmin, record.hash, { models: ['openai/*'] })).toMatchObject({
      status: 'invalid',
      param: 'models',
    });
    expect(await updateKey(teamAdmin, record.hash, { teamId: null })).toMatchObject({
      status: 'forbidden',
    });
  });

  it('moves a key between teams in both indexes, and deletes it from them', async () => {
    const { store, context } = setup();
    ok(await createTeam(context(), 'a', { name: 'A' }));
    ok(await createTeam(context(), 'b', { name: 'B' }));
    const { record } = ok(await createKey(context(), { name: 'k', teamId: 'a' }, secret));
    ok(await updateKey(context(), record.hash, { teamId: 'b' }));
    const members = () =>
      store.getFieldsMany([
        governanceKeys.teamKeys('a'),
        governanceKeys.teamKeys('b'),
        governanceKeys.keyIndex,
      ]);
    expect(await members()).toEqual({
      status: 'ok',
      value: [{}, { [record.hash]: '1' }, { [record.hash]: 'b' }],
    });
    ok(await deleteKey(context(), record.hash));
    expect(await members()).toEqual({ status: 'ok', value: [{}, {}, {}] });
    expect(await readKeyRecord(store, record.hash)).toEqual({ status: 'absent' });
    expect((await auditOf(store, 'key.delete'))[0]).toMatchObject({
      action: 'key.delete',
      changes: { name: { old: 'k', new: null } },
    });
  });

  it('rotates to a key with the same settings and scope, the old one expiring after the grace', async () => {
    const { store, context } = setup();
    const first = ok(
      await createKey(context(), { name: 'ci', rpm: 7, metadata: { a: 1 } }, secret),
    );
    const rotated = ok(await rotateKey(context(), first.record.hash, 60_000, secret));
    expect(rotated.key).not.toBe(first.key);
    expect(rotated.record).toMatchObject({
      scopeId: first.record.hash,
      name: 'ci',
      limits: { rpm: 7 },
      metadata: { a: 1 },
    });
    const old = await readKeyRecord(store, first.record.hash);
    expect(old.status === 'value' && old.value.expiresAt).toBe(now + 60_000);
    const again = ok(await rotateKey(context(), rotated.record.hash, 0, secret));
    expect(again.record.scopeId).toBe(first.record.hash);
    const rotations = await auditOf(store, 'key.rotate');
    expect(rotations).toHaveLength(2);
    expect(
      rotations.find((entry) => entry.resource === `key:${rotated.record.hash}`),
    ).toMatchObject({
      changes: { successor: { new: `key:${again.record.hash}` } },
    });
    const listed = ok(await listKeys(context(), { offset: 0, limit: 10, includeDisabled: false }));
    expect(listed).toHaveLength(3);
  });

  it('refuses to rotate a disabled or expired key, whose successor could never work', async () => {
    const { store, context } = setup();
    const disabled = ok(await createKey(context(), { name: 'off', disabled: true }, secret));
    const expired = ok(await createKey(context(), { name: 'old' }, secret));
    ok(await updateKey(context(), expired.record.hash, { expiresAt: now - 1 }));
    for (const { record } of [disabled, expired]) {
      expect(await rotateKey(context(), record.hash, 0, secret)).toMatchObject({
        status: 'conflict',
      });
    }
    expect(await auditOf(store, 'key.rotate')).toHaveLength(0);
  });

  it('reports an unknown or malformed hash as not found', async () => {
    const { context } = setup();
    expect(await updateKey(context(), 'f'.repeat(64), { rpm: 1 })).toMatchObject({
      status: 'not_found',
    });
    expect(await deleteKey(context(), '../etc')).toMatchObject({ status: 'not_found' });
  });
});

describeOnScriptStores('concurrent rotations', (open) => {
  it('lets one of two concurrent rotations of a key through, never minting two successors', async () => {
    const { store, at } = await open();
    at(now);
    const context: ManagementContext = {
      store,
      now,
      auditRetentionDays: 30,
      audit: { actor: 'admin', requestId: null, ip: null },
    };
    const { record } = ok(await createKey(context, { name: 'ci' }, secret));
    const results = await Promise.all([
      rotateKey(context, record.hash, 60_000, secret),
      rotateKey(context, record.hash, 60_000, secret),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['conflict', 'ok']);
    const listed = ok(await listKeys(context, { offset: 0, limit: 10, includeDisabled: true }));
    expect(listed).toHaveLength(2);
    expect(await auditOf(store, 'key.rotate')).toHaveLength(1);
  });
});
