import type { KeyRecord, KeyRole } from '../scope-record.ts';
import {
  decodeScopeFields,
  encodeScopeFields,
  readChoice,
  readRecord,
  readString,
} from './scope-fields.ts';

const roles: readonly KeyRole[] = ['inference', 'admin', 'viewer'];
const insufficientModes = ['reject', 'clamp'] as const;

/**
 * A key record as the string fields of its store hash (`governanceKeys.key(hash)`).
 * @example await store.runScript(commitScript, ..., encodeKeyRecord(record))
 */
export function encodeKeyRecord(record: KeyRecord): Record<string, string> {
  return {
    ...encodeScopeFields(record),
    hash: record.hash,
    scope_id: record.scopeId,
    label: record.label,
    role: record.role,
    team_id: record.teamId ?? '',
    on_insufficient: record.onInsufficient,
  };
}

/**
 * The key record in a store hash's fields, or undefined when a field is missing or malformed
 * (a record the router cannot read authenticates nobody).
 * @example decodeKeyRecord(await store.getFields(governanceKeys.key(hash)))
 */
export function decodeKeyRecord(fields: Readonly<Record<string, string>>): KeyRecord | undefined {
  const scope = decodeScopeFields(fields);
  if (scope === undefined) return undefined;
  return readRecord(() => {
    const record: KeyRecord = {
      ...scope,
      hash: readString(fields.hash),
      scopeId: readString(fields.scope_id),
      label: readString(fields.label),
      role: readChoice(fields.role, roles),
      onInsufficient: readChoice(fields.on_insufficient, insufficientModes),
    };
    const teamId = readString(fields.team_id);
    if (teamId !== '') record.teamId = teamId;
    return record;
  });
}
