import { canRead, type RecordScope } from './record-access.ts';
import { rollupGroup } from './record-increments.ts';
import type { RequestRecord } from './request-record.ts';

/** What the request log can be narrowed to; every field must match. */
export interface RecordFilter {
  /** A key id (`admin`, `tenant:ci`, the first 16 hex digits of a key's scope), hash or scope. */
  key?: string;
  team?: string;
  /** The requested model (alias) or the `provider/model` that served it. */
  model?: string;
  provider?: string;
  /** `success`, `error`, `cancelled`, or an HTTP status such as `429`. */
  status?: string;
  scope: RecordScope;
}

const fullHash = /^[0-9a-f]{64}$/;

/**
 * The presence fields an hour must hold for any of its records to match: the request log reads
 * only the minutes of such hours.
 * @example presenceNeeds({ team: 'research', scope: { kind: 'all' } }) // ['n', 't:research']
 */
export function presenceNeeds(filter: RecordFilter): string[] {
  const needs = ['n'];
  if (filter.key !== undefined) needs.push(`k:${keyPrefix(filter.key)}`);
  if (filter.team !== undefined) needs.push(`t:${filter.team}`);
  if (filter.model !== undefined) needs.push(`m:${filter.model}`);
  if (filter.provider !== undefined) needs.push(`p:${filter.provider}`);
  if (filter.status !== undefined) needs.push(statusField(filter.status));
  if (filter.scope.kind === 'team') needs.push(`t:${filter.scope.team}`);
  if (filter.scope.kind === 'own') needs.push(`k:${filter.scope.keyId}`);
  return needs;
}

/**
 * Whether a record passes the filter and may be shown to the caller.
 * @example matchesFilter(record, { status: 'error', scope: { kind: 'all' } })
 */
export function matchesFilter(record: RequestRecord, filter: RecordFilter): boolean {
  if (!canRead(filter.scope, record)) return false;
  const [, provider] = rollupGroup(record);
  return (
    (filter.key === undefined || keyMatches(record, filter.key)) &&
    (filter.team === undefined || (record.team ?? '') === filter.team) &&
    (filter.model === undefined ||
      record.model === filter.model ||
      record.requested_model === filter.model) &&
    (filter.provider === undefined || provider === filter.provider) &&
    (filter.status === undefined ||
      record.status === filter.status ||
      String(record.http_status) === filter.status)
  );
}

function keyMatches(record: RequestRecord, key: string): boolean {
  if (fullHash.test(key)) return record.key.hash === key || record.key.scope === key;
  return record.key.id === key;
}

const keyPrefix = (key: string) => (fullHash.test(key) ? key.slice(0, 16) : key);

const statusField = (status: string) => (/^\d{3}$/.test(status) ? `c:${status}` : `s:${status}`);
