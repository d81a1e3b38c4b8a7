import type { GuardedStore } from '../../store/store-result.ts';
import type { KeyRecord, TeamRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { decodeKeyRecord } from './key-record-codec.ts';
import type { ManagementContext, ManageResult } from './management-result.ts';
import { readRecords } from './read-records.ts';
import { decodeTeamRecord } from './team-record-codec.ts';

export interface KeyListQuery {
  offset: number;
  limit: number;
  includeDisabled: boolean;
  teamId?: string;
}

/** Records read per round trip. */
const batchSize = 100;

/**
 * The keys the caller may see, newest first: those of one team (its own when team-limited),
 * revoked ones only when asked.
 * @example await listKeys(context, { offset: 0, limit: 100, includeDisabled: false });
 */
export async function listKeys(
  context: Pick<ManagementContext, 'store' | 'team'>,
  query: KeyListQuery,
): Promise<ManageResult<KeyRecord[]>> {
  const index = await context.store.getFields(governanceKeys.keyIndex);
  if (index.status === 'unavailable') return index;
  const wanted = [context.team, query.teamId].filter((team) => team !== undefined);
  const hashes = Object.entries(index.status === 'value' ? index.value : {})
    .filter(([, team]) => wanted.every((id) => id === team))
    .map(([hash]) => hash);
  const read = await readInBatches(context.store, hashes.map(governanceKeys.key), decodeKeyRecord);
  if (read.status !== 'ok') return read;
  const records = read.value
    .filter((record) => query.includeDisabled || !record.disabled)
    .sort((a, b) => b.createdAt - a.createdAt || a.hash.localeCompare(b.hash));
  return { status: 'ok', value: records.slice(query.offset, query.offset + query.limit) };
}

/**
 * Every team the caller may see (only its own when team-limited), by id.
 * @example await listTeams(context);
 */
export async function listTeams(
  context: Pick<ManagementContext, 'store' | 'team'>,
): Promise<ManageResult<TeamRecord[]>> {
  const index = await context.store.getFields(governanceKeys.teamIndex);
  if (index.status === 'unavailable') return index;
  const ids = Object.keys(index.status === 'value' ? index.value : {})
    .filter((id) => context.team === undefined || id === context.team)
    .sort();
  return readInBatches(context.store, ids.map(governanceKeys.team), decodeTeamRecord);
}

async function readInBatches<Decoded>(
  store: GuardedStore,
  keys: readonly string[],
  decode: (fields: Record<string, string>) => Decoded | undefined,
): Promise<ManageResult<Decoded[]>> {
  const records: Decoded[] = [];
  for (let start = 0; start < keys.length; start += batchSize) {
    const read = await readRecords(store, keys.slice(start, start + batchSize), decode);
    if (read.status === 'unavailable') return read;
    records.push(...read.value);
  }
  return { status: 'ok', value: records };
}
