import type { KeyRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { createAuditEntry, diffFields } from './audit-entry.ts';
import { commitChange } from './commit-change.ts';
import { auditedFields, describeKey } from './describe-record.ts';
import { generateApiKey, hashApiKey, keyLabel } from './key-material.ts';
import { encodeKeyRecord } from './key-record-codec.ts';
import {
  type ManagementContext,
  type ManageResult,
  retry,
  withRetries,
} from './management-result.ts';
import { expiredOnCreation, type KeySettings, scopeFromSettings } from './settings.ts';
import { checkKeyTeam, indexSteps, teamUnchanged } from './team-membership.ts';

/** A key just made: its record, and its text, which is shown once and never stored. */
export interface CreatedKey {
  record: KeyRecord;
  key: string;
}

/**
 * Creates a stored key (in the caller's team when the caller is limited to one) and its audit
 * entry in one commit.
 * @example const created = await createKey(context, { name: 'ci', rpm: 60 }, secret);
 */
export function createKey(
  context: ManagementContext,
  input: KeySettings,
  secret: Uint8Array,
): Promise<ManageResult<CreatedKey>> {
  const settings = { ...input, teamId: input.teamId ?? context.team };
  const expired = expiredOnCreation(settings, context.now);
  if (expired !== undefined) return Promise.resolve(expired);
  return withRetries(async () => {
    const team = await checkKeyTeam(context, settings);
    if (team.status !== 'ok') return team;
    const key = generateApiKey();
    const hash = hashApiKey(secret, key);
    const record = newKeyRecord(
      settings,
      { hash, scopeId: hash, label: keyLabel(key) },
      context.now,
    );
    const audit = createAuditEntry(context.audit, context.now, {
      action: 'key.create',
      resource: `key:${hash}`,
      changes: diffFields({}, auditedFields(describeKey(record))),
      teamId: record.teamId,
    });
    const steps = [
      { op: 'expect' as const, key: governanceKeys.key(hash), version: undefined },
      { op: 'put' as const, key: governanceKeys.key(hash), fields: encodeKeyRecord(record) },
      ...teamUnchanged(team.value),
      ...indexSteps(hash, undefined, record.teamId),
    ];
    const outcome = await commitChange(context.store, { steps, audit }, context);
    if (outcome.status === 'unavailable') return outcome;
    if (outcome.value.status !== 'committed') return retry;
    const version = outcome.value.versions[0] ?? '';
    return { status: 'ok', value: { record: { ...record, version }, key } };
  });
}

/** A key record from settings; the commit sets its version. */
export function newKeyRecord(
  settings: KeySettings,
  identity: Pick<KeyRecord, 'hash' | 'scopeId' | 'label'>,
  now: number,
  createdAt = now,
): KeyRecord {
  const record: KeyRecord = {
    ...scopeFromSettings(settings),
    hash: identity.hash,
    scopeId: identity.scopeId,
    label: identity.label,
    role: settings.role ?? 'inference',
    onInsufficient: settings.onInsufficient ?? 'reject',
    createdAt,
    updatedAt: now,
    version: '',
  };
  if (settings.teamId !== undefined) record.teamId = settings.teamId;
  return record;
}
