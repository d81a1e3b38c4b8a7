import type { TeamRecord } from '../scope-record.ts';
import { decodeScopeFields, encodeScopeFields, readRecord, readString } from './scope-fields.ts';

/**
 * A team record as the string fields of its store hash (`governanceKeys.team(id)`).
 * @example encodeTeamRecord(team).version // '1733500000000'
 */
export function encodeTeamRecord(record: TeamRecord): Record<string, string> {
  return { ...encodeScopeFields(record), id: record.id };
}

/**
 * The team record in a store hash's fields, or undefined when a field is missing or malformed.
 * @example decodeTeamRecord(await store.getFields(governanceKeys.team('research')))
 */
export function decodeTeamRecord(fields: Readonly<Record<string, string>>): TeamRecord | undefined {
  const scope = decodeScopeFields(fields);
  if (scope === undefined) return undefined;
  return readRecord(() => ({ ...scope, id: readString(fields.id) }));
}
