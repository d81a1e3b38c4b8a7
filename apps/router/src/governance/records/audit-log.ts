import type { GuardedStore } from '../../store/store-result.ts';
import { governanceKeys } from '../store-keys.ts';
import { type AuditEntry, auditDayOf, auditIdTime } from './audit-entry.ts';
import type { ManageResult } from './management-result.ts';

export interface AuditQuery {
  /** The id of the last entry of the previous page: this page starts below it. */
  cursor?: string;
  limit: number;
  action?: string;
  actor?: string;
  resource?: string;
  /** Only entries about this team's keys and the team itself (team-limited callers). */
  team?: string;
  /**
   * Only entries made at or after this epoch ms: for a team-limited caller, its team's creation, so
   * the entries of a deleted team whose id was reused stay hidden from the new team.
   */
  since?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

const dayMs = 86_400_000;
/** Day hashes read per round trip. */
const daysPerRead = 7;

/**
 * Audit entries, newest first, from the per-day hashes within the retention period.
 * @example
 * const page = await listAuditEntries(store, { limit: 50, action: 'key.update' }, { now, retentionDays: 90 });
 * // then { ..., cursor: page.value.nextCursor }
 */
export async function listAuditEntries(
  store: GuardedStore,
  query: AuditQuery,
  options: { now: number; retentionDays: number },
): Promise<ManageResult<AuditPage>> {
  const cursorTime = query.cursor === undefined ? options.now : auditIdTime(query.cursor);
  if (cursorTime === undefined) {
    return {
      status: 'invalid',
      message: 'cursor: not a cursor this API returned.',
      param: 'cursor',
    };
  }
  const oldest = Math.max(options.now - options.retentionDays * dayMs, query.since ?? 0);
  const days = daysBetween(Math.min(cursorTime, options.now), oldest);
  const found: AuditEntry[] = [];
  for (let start = 0; start < days.length && found.length <= query.limit; start += daysPerRead) {
    const keys = days.slice(start, start + daysPerRead).map(governanceKeys.auditDay);
    const read = await store.getFieldsMany(keys);
    if (read.status === 'unavailable') return read;
    for (const fields of read.value) {
      for (const [id, text] of Object.entries(fields)) {
        if (query.cursor !== undefined && id >= query.cursor) continue;
        const entry = parseEntry(text);
        if (entry !== undefined && matches(entry, query)) found.push(entry);
      }
    }
  }
  found.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const entries = found.slice(0, query.limit);
  const more = found.length > query.limit;
  return {
    status: 'ok',
    value: { entries, nextCursor: more ? (entries.at(-1)?.id ?? null) : null },
  };
}

/** UTC days from `newest` back to `oldest`, newest first. */
function daysBetween(newest: number, oldest: number): string[] {
  const days: string[] = [];
  for (let time = newest; time >= oldest - dayMs; time -= dayMs) {
    const day = auditDayOf(time);
    if (day >= auditDayOf(oldest)) days.push(day);
  }
  return days;
}

function matches(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.action === undefined || entry.action === query.action) &&
    (query.actor === undefined || entry.actor === query.actor) &&
    (query.resource === undefined || entry.resource === query.resource) &&
    (query.team === undefined || entry.team_id === query.team) &&
    (query.since === undefined || (auditIdTime(entry.id) ?? 0) >= query.since)
  );
}

function parseEntry(text: string): AuditEntry | undefined {
  try {
    const value = JSON.parse(text) as Partial<AuditEntry> | null;
    return typeof value?.id === 'string' && typeof value.action === 'string'
      ? (value as AuditEntry)
      : undefined;
  } catch {
    return undefined;
  }
}
