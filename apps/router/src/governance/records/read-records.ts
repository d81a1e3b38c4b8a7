import type { GuardedStore, StoreLookup } from '../../store/store-result.ts';
import type { KeyRecord, TeamRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { decodeKeyRecord } from './key-record-codec.ts';
import { decodeTeamRecord } from './team-record-codec.ts';

/**
 * The stored key with this hash, read fresh; an unreadable record counts as absent.
 * @example const read = await readKeyRecord(store, hash); if (read.status === 'value') read.value.role
 */
export async function readKeyRecord(
  store: GuardedStore,
  hash: string,
): Promise<StoreLookup<KeyRecord>> {
  return decoded(await store.getFields(governanceKeys.key(hash)), decodeKeyRecord);
}

/**
 * The team with this id, read fresh; an unreadable record counts as absent.
 * @example await readTeamRecord(store, 'research')
 */
export async function readTeamRecord(
  store: GuardedStore,
  id: string,
): Promise<StoreLookup<TeamRecord>> {
  return decoded(await store.getFields(governanceKeys.team(id)), decodeTeamRecord);
}

/**
 * Many records in one round trip, in the order of `keys`; unreadable or missing ones are left out.
 * @example await readRecords(store, hashes.map(governanceKeys.key), decodeKeyRecord)
 */
export async function readRecords<Decoded>(
  store: GuardedStore,
  keys: readonly string[],
  decode: (fields: Record<string, string>) => Decoded | undefined,
) {
  const read = await store.getFieldsMany(keys);
  if (read.status === 'unavailable') return read;
  const records = read.value.map(decode).filter((record) => record !== undefined);
  return { status: 'ok' as const, value: records as Decoded[] };
}

function decoded<Decoded>(
  read: StoreLookup<Record<string, string>>,
  decode: (fields: Record<string, string>) => Decoded | undefined,
): StoreLookup<Decoded> {
  if (read.status !== 'value') return read;
  const value = decode(read.value);
  return value === undefined ? { status: 'absent' } : { status: 'value', value };
}
