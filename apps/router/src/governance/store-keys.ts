/**
 * Where the control plane keeps its state. Every name is built here, so the scripts, the
 * management API and the enforcement stages agree on them. Records and indexes have no expiry;
 * counters carry their period or window in the name and expire after it.
 */

/** A scope a request belongs to: the gateway, a team, a key, or a model (rate limits only). */
export type ScopeRef =
  | { kind: 'gateway' }
  | { kind: 'team'; id: string }
  | { kind: 'key'; id: string }
  | { kind: 'model'; id: string };

/** The short form used inside store key names: `g`, `t:<id>`, `k:<scope id>`, `m:<provider/model>`. */
export function scopeName(scope: ScopeRef): string {
  switch (scope.kind) {
    case 'gateway':
      return 'g';
    case 'team':
      return `t:${scope.id}`;
    case 'key':
      return `k:${scope.id}`;
    case 'model':
      return `m:${scope.id}`;
  }
}

export const governanceKeys = {
  /** Hash: one stored key's record (fields in `key-record.ts`). */
  key: (hash: string) => `sy:key:${hash}`,
  /** Hash: one team's record. */
  team: (id: string) => `sy:team:${id}`,
  /** Hash: every stored key's hash -> its team id ('' for none). */
  keyIndex: 'sy:keys',
  /** Hash: every team id -> its name. */
  teamIndex: 'sy:teams',
  /** Hash: the hashes of one team's keys -> '1', so a team with keys is never deleted. */
  teamKeys: (id: string) => `sy:team-keys:${id}`,
  /** String: spend in nanodollars of `scope` in `period` (`all`, `d2026-12-06`, `w2026-11-30`, `m2026-12`). */
  spend: (scope: string, period: string) => `sy:spend:${scope}:${period}`,
  /** Hash: per-second slots of a rolling minute window (`kind` is `req` or `tok`). */
  rate: (scope: string, kind: 'req' | 'tok') => `sy:rate:${scope}:${kind}`,
  /** Hash: reservation id -> `<deadline epoch ms>:<estimate nanos>` of the requests in flight in `scope`. */
  inflight: (scope: string) => `sy:inflight:${scope}`,
  /**
   * Hash: what an operator should know about `scope`'s reservations: `unsettled` (never settled
   * before their deadline, so charged at their estimate) and `unsettled_nanos` (those estimates).
   */
  flags: (scope: string) => `sy:flags:${scope}`,
  /** Hash: one open reservation (expires at its deadline). */
  reservation: (id: string) => `sy:res:${id}`,
  /** String: set once when `scope` crossed `percent` of its budget in `period`. */
  alert: (scope: string, period: string, percent: number) =>
    `sy:alert:${scope}:${period}:${percent}`,
  /** Hash: the audit entries of one UTC day, entry id -> JSON. */
  auditDay: (day: string) => `sy:audit:${day}`,
} as const;
