import type { GuardedStore, StoreResult } from '../store/store-result.ts';
import {
  keyMetricIncrement,
  metricIncrement,
  rollupGroup,
  rollupIncrement,
} from './record-increments.ts';
import { recordScript } from './record-script.ts';
import type { RequestRecord } from './request-record.ts';
import { retentionScript, retentionWindowMinutes } from './retention-script.ts';
import { encodeVector } from './sparse-vector.ts';
import {
  allKeys,
  bucketOf,
  dayMs,
  type Granularity,
  granularityMs,
  hourMs,
  minuteMs,
  observabilityKeys,
} from './store-keys.ts';

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
 * or its oldest minute has expired, a second round trip drops the oldest minutes. Never throws.
 *
 * @example await writeRecord(store, record, { now: Date.now(), retentionMs, maxRecords, series, keySeries });
 */
export async function writeRecord(
  store: GuardedStore,
  record: RequestRecord,
  options: WriteRecordOptions,
): Promise<WriteRecordResult> {
  const time = Date.parse(record.time);
  const minute = bucketOf('minute', time);
  const hour = bucketOf('hour', time);
  const { now, retentionMs } = options;
  const ttl = (end: number, keep: number) => Math.max(1_000, Math.round(end + keep - now));
  const [model, provider, keyId, team] = rollupGroup(record);
  // Hour rollups fold the keys (`*`): they answer month-long hourly charts, where a group per key
  // and hour would be read by the hundred thousand. Minutes and days keep them.
  const groups: Record<Granularity, string> = {
    minute: [model, provider, keyId, team].join('\t'),
    hour: [model, provider, allKeys, team].join('\t'),
    day: [model, provider, keyId, team].join('\t'),
  };

  const keys = [
    observabilityKeys.log(minute),
    observabilityKeys.index,
    observabilityKeys.presence(hour),
  ];
  const position = (key: string) => {
    const at = keys.indexOf(key);
    return String(at === -1 ? keys.push(key) : at + 1);
  };
  const expireBefore = bucketOf('minute', now - retentionMs);
  const args = [
    record.id,
    JSON.stringify(record),
    String(minute),
    String(ttl((minute + 1) * minuteMs, retentionMs)),
    String(ttl((hour + 1) * hourMs, retentionMs)),
    String(expireBefore),
    String(options.maxRecords),
  ];
  const presence = presenceFields(record, { model, provider, keyId, team });
  args.push(String(presence.length), ...presence);
  args.push('1', position(observabilityKeys.keyNames), keyId, `${record.key.label}\t${team}`);
  const rollup = encodeVector(rollupIncrement(record));
  const rollupKeep: Record<Granularity, number> = {
    minute: minuteRollupMs,
    hour: Math.max(retentionMs, minuteRollupMs),
    day: dayRollupMs,
  };
  for (const granularity of ['minute', 'hour', 'day'] as const) {
    const bucket = bucketOf(granularity, time);
    const end = (bucket + 1) * granularityMs[granularity];
    const key = observabilityKeys.rollup(granularity, bucket);
    args.push(
      position(key),
      groups[granularity],
      String(ttl(end, rollupKeep[granularity])),
      String(rollupGroupCap),
      rollup,
    );
  }
  args.push(position(observabilityKeys.metrics), options.series, '0', String(metricSeriesCap));
  args.push(encodeVector(metricIncrement(record)));
  args.push(position(observabilityKeys.keyMetrics), options.keySeries, '0', String(keySeriesCap));
  args.push(encodeVector(keyMetricIncrement(record)));

  const written = await store.runScript(recordScript, keys, args);
  if (written.status === 'unavailable') return written;
  if (written.value.status === 'duplicate') return { status: 'ok', value: 'duplicate' };
  if (written.value.cleanup) {
    await applyRetention(store, written.value.oldestMinute, {
      expireBefore,
      maxRecords: options.maxRecords,
      nowMinute: bucketOf('minute', now),
    });
  }
  return { status: 'ok', value: 'written' };
}

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

/** The presence fields of a record: what the request log can filter its hour by. */
function presenceFields(
  record: RequestRecord,
  group: { model: string; provider: string; keyId: string; team: string },
): string[] {
  const fields = new Set([
    'n',
    `k:${group.keyId}`,
    `t:${group.team}`,
    `m:${group.model}`,
    `m:${record.requested_model}`,
    `p:${group.provider}`,
    `s:${record.status}`,
    `c:${record.http_status}`,
  ]);
  if (record.key.hash !== null) fields.add(`k:${record.key.hash.slice(0, 16)}`);
  return [...fields];
}
