import type { GuardedStore } from '../../store/store-result.ts';
import type { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import type { Principal } from '../principal.ts';
import { readKeyRecord, readTeamRecord } from './read-records.ts';

/** A stored key's principal as the store has it now. */
export type PrincipalLookup =
  | { status: 'found'; principal: Extract<Principal, { kind: 'key' }> }
  | { status: 'absent' }
  | { status: 'unavailable'; error: StoreUnavailableError };

/**
 * Reads a stored key and its team afresh (one round trip, two with a team). The policy stage
 * calls it when the admission script finds a cached copy stale; authentication calls it for
 * routes that never pass admission. A key whose team is gone authenticates nobody.
 *
 * @example
 * const lookup = await loadPrincipal(store, principal.key.hash);
 * if (lookup.status === 'found') principal = lookup.principal;
 */
export async function loadPrincipal(store: GuardedStore, hash: string): Promise<PrincipalLookup> {
  const key = await readKeyRecord(store, hash);
  if (key.status !== 'value') return key;
  const teamId = key.value.teamId;
  if (teamId === undefined) return { status: 'found', principal: { kind: 'key', key: key.value } };
  const team = await readTeamRecord(store, teamId);
  if (team.status !== 'value') return team;
  return { status: 'found', principal: { kind: 'key', key: key.value, team: team.value } };
}
