import type { TeamRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { createAuditEntry, diffFields } from './audit-entry.ts';
import { type CommitStep, commitChange } from './commit-change.ts';
import { auditedFields, describeTeam } from './describe-record.ts';
import {
  type ManagementContext,
  type ManageResult,
  notFound,
  retry,
  withRetries,
} from './management-result.ts';
import { readTeamRecord } from './read-records.ts';
import {
  applyPatch,
  expiredOnCreation,
  type ScopeSettings,
  type SettingsPatch,
  scopeFromSettings,
  settingsOfScope,
} from './settings.ts';
import { encodeTeamRecord } from './team-record-codec.ts';

/** What a team id may look like; ids appear in store key names and URLs. */
export const teamIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const teamsOnly = (context: ManagementContext): ManageResult<never> | undefined =>
  context.team === undefined
    ? undefined
    : { status: 'forbidden', message: 'A team-limited management key cannot change teams.' };

/**
 * Creates a team (id given or generated) with its audit entry; 409 when the id is taken.
 * @example await createTeam(context, 'research', { name: 'Research', limitNanos: toNanos(100) });
 */
export async function createTeam(
  context: ManagementContext,
  id: string | undefined,
  settings: ScopeSettings,
): Promise<ManageResult<TeamRecord>> {
  const refused = teamsOnly(context) ?? expiredOnCreation(settings, context.now);
  if (refused) return refused;
  const teamId = id ?? `team-${randomHex(6)}`;
  const record = teamRecord(teamId, settings, context.now, context.now);
  const key = governanceKeys.team(teamId);
  const steps: CommitStep[] = [
    { op: 'expect', key, version: undefined },
    { op: 'put', key, fields: encodeTeamRecord(record) },
    { op: 'setField', key: governanceKeys.teamIndex, field: teamId, value: record.name },
  ];
  const audit = createAuditEntry(context.audit, context.now, {
    action: 'team.create',
    resource: `team:${teamId}`,
    changes: diffFields({}, auditedFields(describeTeam(record))),
    teamId,
  });
  const outcome = await commitChange(context.store, { steps, audit }, context);
  if (outcome.status === 'unavailable') return outcome;
  if (outcome.value.status !== 'committed') {
    return { status: 'conflict', message: `A team with id '${teamId}' already exists.` };
  }
  return { status: 'ok', value: { ...record, version: outcome.value.versions[0] ?? '' } };
}

/**
 * Changes a team's settings; null clears a field.
 * @example await updateTeam(context, 'research', { limitNanos: null });
 */
export function updateTeam(
  context: ManagementContext,
  id: string,
  patch: SettingsPatch<ScopeSettings>,
): Promise<ManageResult<TeamRecord>> {
  return withRetries(async () => {
    const refused = teamsOnly(context);
    if (refused) return refused;
    const current = await readManagedTeam(context, id);
    if (current.status !== 'ok') return current;
    const before = current.value;
    const record = teamRecord(
      id,
      applyPatch(settingsOfScope(before), patch),
      context.now,
      before.createdAt,
    );
    const changes = diffFields(
      auditedFields(describeTeam(before)),
      auditedFields(describeTeam(record)),
    );
    if (Object.keys(changes).length === 0) return { status: 'ok', value: before };
    const key = governanceKeys.team(id);
    const steps: CommitStep[] = [
      { op: 'expect', key, version: before.version },
      { op: 'put', key, fields: encodeTeamRecord(record) },
      { op: 'setField', key: governanceKeys.teamIndex, field: id, value: record.name },
    ];
    const audit = createAuditEntry(context.audit, context.now, {
      action: 'team.update',
      resource: `team:${id}`,
      changes,
      teamId: id,
    });
    const outcome = await commitChange(context.store, { steps, audit }, context);
    if (outcome.status === 'unavailable') return outcome;
    if (outcome.value.status !== 'committed') return retry;
    return { status: 'ok', value: { ...record, version: outcome.value.versions[0] ?? '' } };
  });
}

/**
 * Deletes a team that has no keys left (409 otherwise).
 * @example await deleteTeam(context, 'research');
 */
export function deleteTeam(context: ManagementContext, id: string): Promise<ManageResult<null>> {
  return withRetries(async () => {
    const refused = teamsOnly(context);
    if (refused) return refused;
    const current = await readManagedTeam(context, id);
    if (current.status !== 'ok') return current;
    const key = governanceKeys.team(id);
    const steps: CommitStep[] = [
      { op: 'expect', key, version: current.value.version },
      { op: 'empty', key: governanceKeys.teamKeys(id) },
      { op: 'delete', key },
      { op: 'deleteField', key: governanceKeys.teamIndex, field: id },
    ];
    const audit = createAuditEntry(context.audit, context.now, {
      action: 'team.delete',
      resource: `team:${id}`,
      changes: diffFields(auditedFields(describeTeam(current.value)), {}),
      teamId: id,
    });
    const outcome = await commitChange(context.store, { steps, audit }, context);
    if (outcome.status === 'unavailable') return outcome;
    if (outcome.value.status === 'not_empty') {
      return {
        status: 'conflict',
        message: `Team '${id}' still has keys; delete or move them first.`,
      };
    }
    return outcome.value.status === 'committed' ? { status: 'ok', value: null } : retry;
  });
}

/**
 * The team, read fresh, when the caller may see it (a team-limited caller sees only its own).
 * @example await readManagedTeam(context, 'research');
 */
export async function readManagedTeam(
  context: Pick<ManagementContext, 'store' | 'team'>,
  id: string,
): Promise<ManageResult<TeamRecord>> {
  if (!teamIdPattern.test(id)) return notFound(`team '${id.slice(0, 64)}'`);
  if (context.team !== undefined && id !== context.team) return notFound(`team '${id}'`);
  const read = await readTeamRecord(context.store, id);
  if (read.status === 'unavailable') return read;
  if (read.status === 'absent') return notFound(`team '${id}'`);
  return { status: 'ok', value: read.value };
}

function teamRecord(
  id: string,
  settings: ScopeSettings,
  now: number,
  createdAt: number,
): TeamRecord {
  return { ...scopeFromSettings(settings), id, createdAt, updatedAt: now, version: '' };
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
