import { describe, expect, it } from 'vitest';
import { guardStore } from '../../store/guarded-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { governanceKeys } from '../store-keys.ts';
import { createKey } from './create-key.ts';
import { listTeams } from './list-records.ts';
import { createTeam, deleteTeam, readManagedTeam, updateTeam } from './manage-teams.ts';
import type { ManagementContext } from './management-result.ts';
import { deleteKey } from './update-key.ts';

const secret = new TextEncoder().encode('secret');

function setup() {
  const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 });
  const context = (team?: string): ManagementContext => ({
    store,
    now: Date.UTC(2026, 11, 6),
    auditRetentionDays: 30,
    audit: { actor: 'admin', requestId: null, ip: null },
    ...(team === undefined ? {} : { team }),
  });
  return { store, context };
}

describe('teams', () => {
  it('creates a team under its id, indexed by name, and refuses the same id twice', async () => {
    const { store, context } = setup();
    const created = await createTeam(context(), 'research', { name: 'Research', rpm: 10 });
    expect(created).toMatchObject({ status: 'ok', value: { id: 'research', limits: { rpm: 10 } } });
    expect(await store.getFields(governanceKeys.teamIndex)).toEqual({
      status: 'value',
      value: { research: 'Research' },
    });
    expect(await createTeam(context(), 'research', { name: 'Again' })).toMatchObject({
      status: 'conflict',
    });
  });

  it('generates an id when none is given', async () => {
    const { context } = setup();
    const created = await createTeam(context(), undefined, { name: 'Anonymous' });
    expect(created.status === 'ok' && created.value.id).toMatch(/^team-[0-9a-f]{12}$/);
  });

  it('renames a team in its index too', async () => {
    const { store, context } = setup();
    await createTeam(context(), 'research', { name: 'Research' });
    expect(await updateTeam(context(), 'research', { name: 'R&D' })).toMatchObject({
      status: 'ok',
      value: { name: 'R&D' },
    });
    expect(await store.getFields(governanceKeys.teamIndex)).toMatchObject({
      value: { research: 'R&D' },
    });
  });

  it('refuses to delete a team that still has keys, then deletes it once they are gone', async () => {
    const { store, context } = setup();
    await createTeam(context(), 'research', { name: 'Research' });
    const key = await createKey(context(), { name: 'k', teamId: 'research' }, secret);
    expect(await deleteTeam(context(), 'research')).toMatchObject({ status: 'conflict' });
    if (key.status === 'ok') await deleteKey(context(), key.value.record.hash);
    expect(await deleteTeam(context(), 'research')).toEqual({ status: 'ok', value: null });
    expect(await readManagedTeam(context(), 'research')).toMatchObject({ status: 'not_found' });
    expect(await store.getFields(governanceKeys.teamIndex)).toEqual({ status: 'absent' });
  });

  it('lets a team-limited caller read its own team only and change none', async () => {
    const { context } = setup();
    await createTeam(context(), 'research', { name: 'Research' });
    await createTeam(context(), 'sales', { name: 'Sales' });
    const limited = context('research');
    expect(await readManagedTeam(limited, 'research')).toMatchObject({ status: 'ok' });
    expect(await readManagedTeam(limited, 'sales')).toMatchObject({ status: 'not_found' });
    const listed = await listTeams(limited);
    expect(listed.status === 'ok' && listed.value.map((team) => team.id)).toEqual(['research']);
    expect(await createTeam(limited, 'mine', { name: 'Mine' })).toMatchObject({
      status: 'forbidden',
    });
    expect(await updateTeam(limited, 'research', { rpm: 1 })).toMatchObject({
      status: 'forbidden',
    });
    expect(await deleteTeam(limited, 'research')).toMatchObject({ status: 'forbidden' });
  });
});
