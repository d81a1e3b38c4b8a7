import type { Principal } from '../principal.ts';

/**
 * Who a route is for: `inference` (model calls: root, config keys, inference keys), `management`
 * (the management API: root and admin or viewer keys), `self` (a key reading its own usage:
 * anyone authenticated).
 */
export type Audience = 'inference' | 'management' | 'self';

/**
 * Why `principal` may not call a route for `audience`, or undefined when it may.
 * @example audienceRefusal({ kind: 'root' }, 'management') // undefined
 */
export function audienceRefusal(principal: Principal, audience: Audience): string | undefined {
  if (audience === 'self' || principal.kind === 'root') return undefined;
  const role = principal.kind === 'key' ? principal.key.role : 'inference';
  if (audience === 'inference' && role !== 'inference') {
    return 'A management key cannot call inference routes; use an inference key.';
  }
  if (audience === 'management' && role === 'inference') {
    return 'An inference key cannot call the management API; use the admin key or a management key.';
  }
  return undefined;
}

/** What a caller of the management API may do, and how the audit log names it. */
export interface ManagementRights {
  canWrite: boolean;
  /** The one team it may see and manage; undefined = all. */
  team?: string;
  /** The key's label, or `admin` for the root key. */
  actor: string;
}

/**
 * The rights of a principal the `management` audience let in: root and admins write, viewers
 * read; a management key with a team is limited to it.
 * @example managementRights({ kind: 'root' }) // { canWrite: true, actor: 'admin' }
 */
export function managementRights(principal: Principal): ManagementRights {
  if (principal.kind !== 'key') return { canWrite: principal.kind === 'root', actor: 'admin' };
  const { key } = principal;
  const rights: ManagementRights = { canWrite: key.role === 'admin', actor: key.label };
  if (key.teamId !== undefined) rights.team = key.teamId;
  return rights;
}
