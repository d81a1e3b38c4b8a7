import type { KeyRecord, TeamRecord } from './scope-record.ts';

/**
 * Who is calling, as authentication established it: the root admin key, a key listed in the
 * config (read-only, no limits of its own), or a stored key with its team.
 */
export type Principal =
  | { kind: 'root' }
  | { kind: 'static'; tenant: string }
  | { kind: 'key'; key: KeyRecord; team?: TeamRecord };

/** The tenant whose cache entries the request may read and write. */
export function tenantOf(principal: Principal): string {
  switch (principal.kind) {
    case 'root':
      return 'admin';
    case 'static':
      return principal.tenant;
    case 'key':
      return `key:${principal.key.scopeId.slice(0, 32)}`;
  }
}
