import type { GuardedStore, StoreResult } from '../store/store-result.ts';
import { parseRecord } from './read-record.ts';
import { matchesFilter, presenceNeeds, type RecordFilter } from './record-filter.ts';
import type { RequestRecord } from './request-record.ts';
import { bucketOf, minuteMs, observabilityKeys } from './store-keys.ts';

export interface RecordQuery {
  /** Epoch ms: records from `from` (inclusive) to `to` (exclusive), newest first. */
  from: number;
  to: number;
  /** Where the previous page stopped: records strictly older than it. */
  cursor?: string;
  limit: number;
  filter: RecordFilter;
  /** Most records one page parses before it answers what it found (default 20,000). */
  scanBudget?: number;
}

export interface RecordPage {
  records: RequestRecord[];
  /**
   * Where the next page starts; null when the range holds nothing more. A page may hold fewer
   * records than asked when its scan budget ran out first: follow the cursor until it is null.
   */
  nextCursor: string | null;
}

/** Hour presence hashes read per round trip, log minutes read per round trip, records a page may parse. */
const hoursPerRead = 744;
const minutesPerRead = 120;
const maxRecordsScanned = 20_000;

const cursorPattern = /^req_([0-9a-f]{12})([0-9a-f]{20})?$/;

/**
 * A cursor a page can start at: an id, or `req_` and 12 hex digits of a time (records before it).
 * @example isCursor('req_019af3a4c5d6') // true
 */
export const isCursor = (cursor: string): boolean => cursorPattern.test(cursor);

/**
 * A page of the request log, newest first. Hours whose presence counts cannot hold a match are
 * skipped without reading their records, so a filtered query reads only the minutes of hours
 * that had such requests; each page parses at most `maxRecordsScanned` records.
 *
 * @example
 * const page = await listRecords(store, { from, to, limit: 50, filter: { team: 'research', scope } });
 */
export async function listRecords(
  store: GuardedStore,
  query: RecordQuery,
): Promise<StoreResult<RecordPage>> {
  const cursorTime = query.cursor === undefined ? undefined : timeOf(query.cursor);
  const newest = Math.min(query.to - 1, cursorTime ?? Number.POSITIVE_INFINITY);
  if (newest < query.from) return { status: 'ok', value: { records: [], nextCursor: null } };
  const needs = presenceNeeds(query.filter);
  const budget = query.scanBudget ?? maxRecordsScanned;
  const found: RequestRecord[] = [];
  let scanned = 0;
  let lastHour = bucketOf('hour', newest);
  const firstHour = bucketOf('hour', query.from);
  while (lastHour >= firstHour) {
    const hours = range(lastHour, Math.max(firstHour, lastHour - hoursPerRead + 1));
    lastHour = (hours.at(-1) as number) - 1;
    const presence = await store.getFieldsMany(hours.map(observabilityKeys.presence));
    if (presence.status === 'unavailable') return presence;
    // The minutes of the hours that may hold a match, newest first, read a chunk at a time.
    const minutes = hours
      .filter((_, at) => needs.every((field) => Number(presence.value[at]?.[field] ?? 0) > 0))
      .flatMap((hour) =>
        range(
          Math.min(bucketOf('minute', newest), (hour + 1) * 60 - 1),
          Math.max(bucketOf('minute', query.from), hour * 60),
        ),
      );
    for (let start = 0; start < minutes.length; start += minutesPerRead) {
      const chunk = minutes.slice(start, start + minutesPerRead);
      const logs = await store.getFieldsMany(chunk.map(observabilityKeys.log));
      if (logs.status === 'unavailable') return logs;
      for (const fields of logs.value) {
        for (const [id, text] of Object.entries(fields)) {
          scanned += 1;
          if (query.cursor !== undefined && id >= query.cursor) continue;
          const record = parseRecord(text);
          if (
            record !== undefined &&
            inRange(record, query) &&
            matchesFilter(record, query.filter)
          ) {
            found.push(record);
          }
        }
      }
      // Minutes are read newest first: once a page is full, nothing older can come before it.
      if (found.length > query.limit) return { status: 'ok', value: page(found, query.limit) };
      const more = start + minutesPerRead < minutes.length || lastHour >= firstHour;
      if (scanned >= budget && more) {
        return { status: 'ok', value: partialPage(found, chunk.at(-1) as number) };
      }
    }
  }
  return { status: 'ok', value: { ...page(found, query.limit), nextCursor: null } };
}

function page(found: RequestRecord[], limit: number): RecordPage {
  found.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const records = found.slice(0, limit);
  const more = found.length > limit;
  return { records, nextCursor: more ? (records.at(-1)?.id ?? null) : null };
}

/** The scan budget ran out: what was found, and a cursor at the oldest minute read. */
function partialPage(found: RequestRecord[], oldestMinute: number): RecordPage {
  found.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const cursor = `req_${(oldestMinute * minuteMs).toString(16).padStart(12, '0')}`;
  return { records: found, nextCursor: cursor };
}

function inRange(record: RequestRecord, query: RecordQuery): boolean {
  const time = Date.parse(record.time);
  return time >= query.from && time < query.to;
}

function timeOf(cursor: string): number | undefined {
  const hex = cursorPattern.exec(cursor)?.[1];
  return hex === undefined ? undefined : Number.parseInt(hex, 16);
}

/** Integers from `high` down to `low`. */
function range(high: number, low: number): number[] {
  return high < low ? [] : Array.from({ length: high - low + 1 }, (_, index) => high - index);
}
