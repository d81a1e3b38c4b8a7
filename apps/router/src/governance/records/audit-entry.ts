/** One field's value before and after a change, as the management API shows it. */
export interface FieldChange {
  old: unknown;
  new: unknown;
}

/**
 * One management change, as the audit log keeps and lists it. It never holds a key's text:
 * keys are named by their hash or label.
 */
export interface AuditEntry {
  /** Sortable by time: 13 digits of epoch ms, then random hex. */
  id: string;
  /** ISO 8601. */
  time: string;
  /** The acting key's label, or `admin` for the root key. */
  actor: string;
  /** `key.create`, `key.update`, `key.delete`, `key.rotate`, `team.create`, ... */
  action: string;
  /** `key:<hash>` or `team:<id>`. */
  resource: string;
  changes: Record<string, FieldChange>;
  request_id: string | null;
  ip: string | null;
  /** The team the resource belongs to, so a team's admins can read its entries. */
  team_id: string | null;
}

/** Who made a change and through which request: what every audit entry repeats. */
export interface AuditContext {
  actor: string;
  requestId: string | null;
  ip: string | null;
}

/**
 * A new entry at `now`: the id sorts by time, then randomly among entries of the same millisecond.
 * @example createAuditEntry(context, now, { action: 'team.create', resource: 'team:research', changes, teamId: 'research' })
 */
export function createAuditEntry(
  context: AuditContext,
  now: number,
  change: {
    action: string;
    resource: string;
    changes: Record<string, FieldChange>;
    teamId?: string;
  },
): AuditEntry {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return {
    id: `${String(now).padStart(13, '0')}-${random}`,
    time: new Date(now).toISOString(),
    actor: context.actor,
    action: change.action,
    resource: change.resource,
    changes: change.changes,
    request_id: context.requestId,
    ip: context.ip,
    team_id: change.teamId ?? null,
  };
}

/** The UTC day an entry or instant belongs to, as its audit hash is named: `2026-12-06`. */
export const auditDayOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** The instant an entry id was made at, or undefined when the text is not an entry id. */
export function auditIdTime(id: string): number | undefined {
  const match = /^(\d{13})-[0-9a-f]{12}$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/**
 * Every field whose value differs between two views of a record, as `{old, new}`; absent and
 * null count as the same.
 * @example diffFields({ rpm: 10 }, { rpm: 20 }) // { rpm: { old: 10, new: 20 } }
 */
export function diffFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [old, next] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[field] = { old, new: next };
  }
  return changes;
}
