import type { Principal } from '../governance/principal.ts';
import { recordKey } from './build-request-record.ts';
import type { RequestRecord } from './request-record.ts';

/**
 * Whose requests a caller may read: all (the admin key, unlimited management keys), one team's
 * (a management key with a team), or its own (an inference key, a key from the config: by its
 * scope, so a rotated key still sees what its predecessor sent).
 */
export type RecordScope =
  | { kind: 'all' }
  | { kind: 'team'; team: string }
  | { kind: 'own'; keyId: string };

/**
 * @example recordScopeOf({ kind: 'root' }) // { kind: 'all' }
 */
export function recordScopeOf(principal: Principal): RecordScope {
  if (principal.kind === 'root') return { kind: 'all' };
  if (principal.kind === 'key' && principal.key.role !== 'inference') {
    const team = principal.key.teamId;
    return team === undefined ? { kind: 'all' } : { kind: 'team', team };
  }
  return { kind: 'own', keyId: recordKey(principal).id };
}

/**
 * Whether a caller with `scope` may read `record`.
 * @example canRead({ kind: 'team', team: 'research' }, record)
 */
export function canRead(scope: RecordScope, record: RequestRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'team':
      return record.team === scope.team;
    case 'own':
      return record.key.id === scope.keyId;
  }
}
