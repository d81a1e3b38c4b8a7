import type { KeyRecord, TeamRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { createAuditEntry, diffFields } from './audit-entry.ts';
import { type CommitStep, commitChange } from './commit-change.ts';
import { newKeyRecord } from './create-key.ts';
import { auditedFields, describeKey } from './describe-record.ts';
import { encodeKeyRecord } from './key-record-codec.ts';
import {
  type ManagementContext,
  type ManageResult,
  notFound,
  retry,
  withRetries,
} from './management-result.ts';
import { readKeyRecord } from './read-records.ts';
import { applyPatch, type KeySettings, type SettingsPatch, settingsOfKey } from './settings.ts';
import { checkKeyTeam, indexSteps, teamUnchanged } from './team-membership.ts';

/**
 * Changes a key's settings (`disabled: true` revokes it); a field set to null is cleared. The
 * record, indexes and audit entry change in one commit, or not at all.
 * @example await updateKey(context, hash, { disabled: true });
 */
export function updateKey(
  context: ManagementContext,
  hash: string,
  patch: SettingsPatch<KeySettings>,
): Promise<ManageResult<KeyRecord>> {
  return withRetries(async () => {
    const current = await readManagedKey(context, hash);
    if (current.status !== 'ok') return current;
    const before = current.value;
    const settings = applyPatch(settingsOfKey(before), patch);
    const team = await checkChangedMembership(context, settings, patch);
    if (team.status !== 'ok') return team;
    const record = newKeyRecord(settings, before, context.now, before.createdAt);
    const changes = diffFields(
      auditedFields(describeKey(before)),
      auditedFields(describeKey(record)),
    );
    if (Object.keys(changes).length === 0) return { status: 'ok', value: before };
    const key = governanceKeys.key(hash);
    const steps: CommitStep[] = [
      { op: 'expect', key, version: before.version },
      { op: 'put', key, fields: encodeKeyRecord(record) },
      ...teamUnchanged(team.value),
      ...indexSteps(hash, before.teamId, record.teamId),
    ];
    const audit = createAuditEntry(context.audit, context.now, {
      action: 'key.update',
      resource: `key:${hash}`,
      changes,
      teamId: record.teamId ?? before.teamId,
    });
    const outcome = await commitChange(context.store, { steps, audit }, context);
    if (outcome.status === 'unavailable') return outcome;
    if (outcome.value.status !== 'committed') return retry;
    return { status: 'ok', value: { ...record, version: outcome.value.versions[0] ?? '' } };
  });
}

/**
 * The key's team, checked as `checkKeyTeam` does, when the patch moves the key or changes its
 * models; other changes leave membership as it was judged, so a key whose team narrowed its models
 * since can still be renamed or revoked.
 */
function checkChangedMembership(
  context: ManagementContext,
  settings: KeySettings,
  patch: SettingsPatch<KeySettings>,
): Promise<ManageResult<TeamRecord | undefined>> {
  if (patch.teamId === undefined && patch.models === undefined) {
    return Promise.resolve({ status: 'ok', value: undefined });
  }
  return checkKeyTeam(context, settings);
}

/**
 * Deletes a key; its spend counters stay (they belong to its scope id, which a rotated successor
 * may still use).
 * @example await deleteKey(context, hash);
 */
export function deleteKey(context: ManagementContext, hash: string): Promise<ManageResult<null>> {
  return withRetries(async () => {
    const current = await readManagedKey(context, hash);
    if (current.status !== 'ok') return current;
    const before = current.value;
    const key = governanceKeys.key(hash);
    const steps: CommitStep[] = [
      { op: 'expect', key, version: before.version },
      { op: 'delete', key },
      ...indexSteps(hash, before.teamId, null),
    ];
    const audit = createAuditEntry(context.audit, context.now, {
      action: 'key.delete',
      resource: `key:${hash}`,
      changes: diffFields(auditedFields(describeKey(before)), {}),
      teamId: before.teamId,
    });
    const outcome = await commitChange(context.store, { steps, audit }, context);
    if (outcome.status === 'unavailable') return outcome;
    if (outcome.value.status !== 'committed') return retry;
    return { status: 'ok', value: null };
  });
}

/**
 * The key with this hash, read fresh, when the caller may manage it: a key outside a
 * team-limited caller's team is reported as missing, like one that does not exist.
 * @example const read = await readManagedKey(context, hash);
 */
export async function readManagedKey(
  context: Pick<ManagementContext, 'store' | 'team'>,
  hash: string,
): Promise<ManageResult<KeyRecord>> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return notFound(`key with this hash`);
  const read = await readKeyRecord(context.store, hash);
  if (read.status === 'unavailable') return read;
  if (read.status === 'absent') return notFound('key with this hash');
  if (context.team !== undefined && read.value.teamId !== context.team) {
    return notFound('key with this hash');
  }
  return { status: 'ok', value: read.value };
}
