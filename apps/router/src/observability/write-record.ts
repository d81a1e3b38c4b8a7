import type { GuardedStore, StoreResult } from '../store/store-result.ts';
import {
  encodedKeyMetricIncrement,
  encodedMetricIncrement,
  encodedRollupIncrement,
  rollupGroup,
} from './record-increments.ts';
import { recordScript } from './record-script.ts';
import type { RequestRecord } from './request-record.ts';
import { retentionScript, retentionWindowMinutes } from './retention-script.ts';
import { allKeys, bucketOf, dayMs, hourMs, minuteMs, observabilityKeys } from './store-keys.ts';

/** How long rollups are kept past their bucket: minutes two days, hours the retention, days 400. */
const minuteRollupMs = 2 * dayMs;
const dayRollupMs = 400 * dayMs;
/** Most groups one rollup bucket holds, series the metrics hold, and keys the key metrics hold. */
export const rollupGroupCap = 2_000;
export const metricSeriesCap = 500;
export const keySeriesCap = 1_000;

export interface WriteRecordOptions {
  /** Epoch ms. */
  now: number;
  retentionMs: number;
  maxRecords: number;
  /** The record's `/metrics` series and key series (labels already bounded, tab-separated). */
  series: string;
  keySeries: string;
}

export type WriteRecordResult = StoreResult<'written' | 'duplicate'>;

/**
 * Stores a request record with its retention counts, presence counts, rollups (minute, hour and
 * day) and metrics: one script, one round trip. When the store holds more records than the cap,
 * or its oldest minute has expired, a second round trip drops the oldest minutes, never the
 * current one; past the cap in one minute, requests are counted but their records not stored.
 * Never throws.
 *
 * @example await writeRecord(store, record, { now: Date.now(), retentionMs, maxRecords, series, keySeries });
 */
export async function writeRecord(
  store: GuardedStore,
  record: RequestRecord,
  options: WriteRecordOptions,
): Promise<WriteRecordResult> {
  const { keys, args, expireBefore } = recordArguments(record, options);
  const written = await store.runScript(recordScript, keys, args);
  if (written.status === 'unavailable') return written;
  if (written.value.status === 'duplicate') return { status: 'ok', value: 'duplicate' };
  if (written.value.cleanup) {
    await applyRetention(store, written.value.oldestMinute, {
      expireBefore,
      maxRecords: options.maxRecords,
      nowMinute: bucketOf('minute', options.now),
    });
  }
  return { status: 'ok', value: 'written' };
}

/** Where the record script finds each hash it sets a field or adds a vector in (`KEYS[n]`). */
const position = {
  keyNames: '4',
  minute: '5',
  hour: '6',
  day: '7',
  metrics: '8',
  keyMetrics: '9',
} as const;

/**
 * The record script's keys and arguments for `record` (see `recordScript`). Every request builds
 * them, whatever the store: plain strings, in the script's order, nothing sorted or looked up.
 */
export function recordArguments(
  record: RequestRecord,
  options: WriteRecordOptions,
): { keys: string[]; args: string[]; expireBefore: number } {
  const { now, retentionMs } = options;
  const time = Date.parse(record.time);
  const minute = bucketOf('minute', time);
  const hour = bucketOf('hour', time);
  const day = bucketOf('day', time);
  const [model, provider, keyId, team] = rollupGroup(record);
  const group = `${model}\t${provider}\t${keyId}\t${team}`;
  // Hour rollups fold the keys (`*`): they answer month-long hourly charts, where a group per key
  // and hour would be read by the hundred thousand. Minutes and days keep them.
  const hourGroup = `${model}\t${provider}\t${allKeys}\t${team}`;
  const keys = [
    observabilityKeys.log(minute),
    observabilityKeys.index,
    observabilityKeys.presence(hour),
    observabilityKeys.keyNames,
    observabilityKeys.rollup('minute', minute),
    observabilityKeys.rollup('hour', hour),
    observabilityKeys.rollup('day', day),
    observabilityKeys.metrics,
    observabilityKeys.keyMetrics,
  ];
  const expireBefore = bucketOf('minute', now - retentionMs);
  const args = [
    record.id,
    JSON.stringify(record),
    String(minute),
    ttl(now, (minute + 1) * minuteMs, retentionMs),
    ttl(now, (hour + 1) * hourMs, retentionMs),
    String(expireBefore),
    String(options.maxRecords),
  ];
  pushPresenceFields(args, record, { model, provider, keyId, team });
  const rollup = encodedRollupIncrement(record);
  args.push(
    '1',
    position.keyNames,
    keyId,
    `${record.key.label}\t${team}`,
    position.minute,
    group,
    ttl(now, (minute + 1) * minuteMs, minuteRollupMs),
    cap.rollup,
    rollup,
    position.hour,
    hourGroup,
    ttl(now, (hour + 1) * hourMs, Math.max(retentionMs, minuteRollupMs)),
    cap.rollup,
    rollup,
    position.day,
    group,
    ttl(now, (day + 1) * dayMs, dayRollupMs),
    cap.rollup,
    rollup,
    position.metrics,
    options.series,
    '0',
    cap.metrics,
    encodedMetricIncrement(record),
    position.keyMetrics,
    options.keySeries,
    '0',
    cap.keyMetrics,
    encodedKeyMetricIncrement(record),
  );
  return { keys, args, expireBefore };
}

/** The caps as the script reads them. */
const cap = {
  rollup: String(rollupGroupCap),
  metrics: String(metricSeriesCap),
  keyMetrics: String(keySeriesCap),
} as const;

/** Milliseconds from `now` until `keep` past `end`, at least a second, as the script's PEXPIRE. */
const ttl = (now: number, end: number, keep: number) =>
  String(Math.max(1_000, Math.round(end + keep - now)));

/** One retention pass from `oldestMinute` (its failure is left for a later write to retry). */
function applyRetention(
  store: GuardedStore,
  oldestMinute: number,
  bounds: { expireBefore: number; maxRecords: number; nowMinute: number },
) {
  const logs = Array.from({ length: retentionWindowMinutes }, (_, offset) =>
    observabilityKeys.log(oldestMinute + offset),
  );
  return store.runScript(
    retentionScript,
    [observabilityKeys.index, ...logs],
    [
      String(oldestMinute),
      String(bounds.expireBefore),
      String(bounds.maxRecords),
      String(bounds.nowMinute),
    ],
  );
}

/**
 * Appends the count of a record's presence fields, then the fields: what the request log can
 * filter its hour by. A field is named once (the requested model may be the one that served, and
 * a key's id may start its hash).
 */
function pushPresenceFields(
  args: string[],
  record: RequestRecord,
  group: { model: string; provider: string; keyId: string; team: string },
): void {
  const countAt = args.push('') - 1;
  args.push('n', `k:${group.keyId}`, `t:${group.team}`, `m:${group.model}`);
  if (record.requested_model !== group.model) args.push(`m:${record.requested_model}`);
  args.push(`p:${group.provider}`, `s:${record.status}`, `c:${record.http_status}`);
  const hash = record.key.hash?.slice(0, 16);
  if (hash !== undefined && hash !== group.keyId) args.push(`k:${hash}`);
  args[countAt] = String(args.length - countAt - 1);
}
