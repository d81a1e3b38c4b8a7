import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failovers, rollupGroup } from './record-increments.ts';
import { arbitraryRecord, sampleRecord, sampleSeries } from './record-test-fixtures.ts';
import type { RequestRecord } from './request-record.ts';
import {
  durationBoundariesMs,
  firstTokenHistogramSlot,
  keyMetricSlot,
  latencyHistogramSlot,
  metricSlot,
  nanosPerDollar,
  rollupSlot,
  tokenBoundaries,
} from './rollup-slots.ts';
import { bucketOf as histogramBucket } from './sparse-vector.ts';
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
import {
  keySeriesCap,
  metricSeriesCap,
  recordArguments,
  rollupGroupCap,
  type WriteRecordOptions,
} from './write-record.ts';

// The first version of the arguments, kept as the oracle: keys found by position, groups and
// presence fields joined and deduplicated, increments added into Maps, then sorted and encoded.

type Vector = Map<number, number>;

function add(vector: Vector, index: number, value: number): void {
  const rounded = Math.round(value);
  if (rounded === 0 || !Number.isSafeInteger(rounded)) return;
  vector.set(index, (vector.get(index) ?? 0) + rounded);
}

function encode(values: Vector): string {
  const parts: string[] = [];
  for (const index of [...values.keys()].sort((a, b) => a - b)) {
    const value = values.get(index) ?? 0;
    if (value !== 0) parts.push(`${index}:${value}`);
  }
  return parts.join(',');
}

function rollupIncrement(record: RequestRecord): Vector {
  const vector: Vector = new Map();
  add(vector, rollupSlot.requests, 1);
  if (record.status === 'error') add(vector, rollupSlot.errors, 1);
  if (record.status === 'cancelled') add(vector, rollupSlot.cancelled, 1);
  add(vector, rollupSlot.input_tokens, record.tokens.input);
  add(vector, rollupSlot.output_tokens, record.tokens.output);
  add(vector, rollupSlot.cached_tokens, record.tokens.cached);
  add(vector, rollupSlot.reasoning_tokens, record.tokens.reasoning);
  add(vector, rollupSlot.cost_nanos, (record.cost ?? 0) * nanosPerDollar);
  add(vector, rollupSlot.saved_nanos, (record.saved_cost ?? 0) * nanosPerDollar);
  if (record.cache === 'HIT') add(vector, rollupSlot.cache_hits, 1);
  add(vector, rollupSlot.guardrail_actions, record.guardrails?.length ?? 0);
  add(vector, rollupSlot.failovers, failovers(record));
  if (record.interrupted) add(vector, rollupSlot.interrupted, 1);
  if (record.stream) add(vector, rollupSlot.streams, 1);
  add(vector, rollupSlot.latency_ms_sum, record.latency_ms);
  add(vector, latencyHistogramSlot + histogramBucket(durationBoundariesMs, record.latency_ms), 1);
  if (record.first_token_ms !== null) {
    const first = record.first_token_ms;
    add(vector, rollupSlot.first_token_ms_sum, first);
    add(vector, firstTokenHistogramSlot + histogramBucket(durationBoundariesMs, first), 1);
  }
  return vector;
}

function metricIncrement(record: RequestRecord): Vector {
  const vector: Vector = new Map();
  add(vector, metricSlot.requests, 1);
  if (record.status === 'error') add(vector, metricSlot.errors, 1);
  const { input, output } = record.tokens;
  if (input > 0 || output > 0) {
    add(vector, metricSlot.inputTokensSum, input);
    add(vector, metricSlot.outputTokensSum, output);
    add(vector, metricSlot.inputTokensHistogram + histogramBucket(tokenBoundaries, input), 1);
    add(vector, metricSlot.outputTokensHistogram + histogramBucket(tokenBoundaries, output), 1);
  }
  add(vector, metricSlot.durationMsSum, record.latency_ms);
  const latency = histogramBucket(durationBoundariesMs, record.latency_ms);
  add(vector, metricSlot.durationHistogram + latency, 1);
  if (record.first_token_ms !== null) {
    const first = record.first_token_ms;
    add(vector, metricSlot.firstChunkMsSum, first);
    add(vector, metricSlot.firstChunkHistogram + histogramBucket(durationBoundariesMs, first), 1);
  }
  add(vector, metricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  if (record.cache === 'HIT') add(vector, metricSlot.cacheHits, 1);
  add(vector, metricSlot.failovers, failovers(record));
  return vector;
}

function keyMetricIncrement(record: RequestRecord): Vector {
  const vector: Vector = new Map();
  add(vector, keyMetricSlot.requests, 1);
  if (record.status === 'error') add(vector, keyMetricSlot.errors, 1);
  add(vector, keyMetricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  return vector;
}

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

function referenceArguments(record: RequestRecord, options: WriteRecordOptions) {
  const time = Date.parse(record.time);
  const minute = bucketOf('minute', time);
  const hour = bucketOf('hour', time);
  const { now, retentionMs } = options;
  const ttl = (end: number, keep: number) => Math.max(1_000, Math.round(end + keep - now));
  const [model, provider, keyId, team] = rollupGroup(record);
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
  const rollup = encode(rollupIncrement(record));
  const rollupKeep: Record<Granularity, number> = {
    minute: 2 * dayMs,
    hour: Math.max(retentionMs, 2 * dayMs),
    day: 400 * dayMs,
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
  args.push(encode(metricIncrement(record)));
  args.push(position(observabilityKeys.keyMetrics), options.keySeries, '0', String(keySeriesCap));
  args.push(encode(keyMetricIncrement(record)));
  return { keys, args, expireBefore };
}

const time = Date.UTC(2026, 11, 7, 12, 30);

describe('recordArguments', () => {
  it('lays out the keys and arguments the record script reads', () => {
    const record = sampleRecord(time, { first_token_ms: 12.5, stream: true });
    const options = {
      now: time + 5_000,
      retentionMs: dayMs,
      maxRecords: 100,
      series: sampleSeries,
    };
    const { keys, args } = recordArguments(record, { ...options, keySeries: 'admin\t' });
    expect(keys.slice(3)).toEqual([
      observabilityKeys.keyNames,
      observabilityKeys.rollup('minute', bucketOf('minute', time)),
      observabilityKeys.rollup('hour', bucketOf('hour', time)),
      observabilityKeys.rollup('day', bucketOf('day', time)),
      observabilityKeys.metrics,
      observabilityKeys.keyMetrics,
    ]);
    // The presence fields name the model once: it is both requested and served.
    expect(args.slice(7, 16)).toEqual([
      '8',
      'n',
      'k:admin',
      't:',
      'm:mock/echo',
      'm:chat',
      'p:mock',
      's:success',
      'c:200',
    ]);
    expect(args.at(-1)).toBe('0:1,2:50000');
  });

  it('builds what its first version built, for any record', () => {
    const options = fc.record({
      now: fc.integer({ min: time - dayMs, max: time + 60 * dayMs }),
      retentionMs: fc.constantFrom(hourMs, dayMs, 30 * dayMs),
      maxRecords: fc.constantFrom(1_000, 100_000),
      series: fc.constantFrom(sampleSeries, 'embeddings\tother\tother\tother\t\t'),
      keySeries: fc.constantFrom('admin\t', 'sk-sy-v1-…a\tresearch'),
    });
    fc.assert(
      fc.property(arbitraryRecord(time), options, (record, writeOptions) => {
        expect(recordArguments(record, writeOptions)).toEqual(
          referenceArguments(record, writeOptions),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});
