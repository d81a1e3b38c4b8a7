import { otherLabel, seriesLabels } from './metric-labels.ts';
import {
  durationBoundariesMs,
  histogramBuckets,
  keyMetricSlot,
  metricSlot,
  nanosPerDollar,
  tokenBoundaries,
} from './rollup-slots.ts';
import { addEncoded, type SparseVector } from './sparse-vector.ts';
import { overflowField } from './store-keys.ts';

/** What `/metrics` renders: the stored all-time series and each target's circuit. */
export interface MetricsSnapshot {
  /** Series labels (tab-separated, `seriesLabels` order) -> encoded vector. */
  series: Record<string, string>;
  /** `label\tteam` of a key -> encoded vector. */
  keys: Record<string, string>;
  /** Target id -> whether its circuit is open. */
  circuits: [target: string, open: boolean][];
}

type Labels = [name: string, value: string][];

/**
 * The Prometheus text exposition (0.0.4) of the snapshot, with the OpenTelemetry GenAI names
 * (`gen_ai_client_token_usage`, `gen_ai_client_operation_duration_seconds`,
 * `gen_ai_client_operation_time_to_first_chunk_seconds`) and Switchyard's counters.
 * @example new Response(renderPrometheus(snapshot), { headers: { 'content-type': prometheusContentType } })
 */
export function renderPrometheus(snapshot: MetricsSnapshot): string {
  const series = Object.entries(snapshot.series)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([field, text]) => ({
      labels: seriesLabelsOf(field),
      vector: addEncoded(new Map(), text),
    }));
  const keys = Object.entries(snapshot.keys)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([field, text]) => ({ labels: keyLabelsOf(field), vector: addEncoded(new Map(), text) }));
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family('gen_ai_client_token_usage', 'histogram', 'Number of input and output tokens used.');
  for (const { labels, vector } of series) {
    for (const [type, first, sumSlot] of [
      ['input', metricSlot.inputTokensHistogram, metricSlot.inputTokensSum],
      ['output', metricSlot.outputTokensHistogram, metricSlot.outputTokensSum],
    ] as const) {
      const withType: Labels = [...labels, ['gen_ai_token_type', type]];
      histogram(
        lines,
        'gen_ai_client_token_usage',
        withType,
        vector,
        first,
        tokenBoundaries,
        vector.get(sumSlot) ?? 0,
      );
    }
  }
  family('gen_ai_client_operation_duration_seconds', 'histogram', 'GenAI operation duration.');
  for (const { labels, vector } of series) {
    const sum = (vector.get(metricSlot.durationMsSum) ?? 0) / 1_000;
    histogram(
      lines,
      'gen_ai_client_operation_duration_seconds',
      labels,
      vector,
      metricSlot.durationHistogram,
      seconds,
      sum,
    );
  }
  family(
    'gen_ai_client_operation_time_to_first_chunk_seconds',
    'histogram',
    'Time to the first chunk of a streamed answer.',
  );
  for (const { labels, vector } of series) {
    const sum = (vector.get(metricSlot.firstChunkMsSum) ?? 0) / 1_000;
    histogram(
      lines,
      'gen_ai_client_operation_time_to_first_chunk_seconds',
      labels,
      vector,
      metricSlot.firstChunkHistogram,
      seconds,
      sum,
    );
  }
  const counters: [string, string, number, number][] = [
    ['switchyard_requests_total', 'Requests routed.', metricSlot.requests, 1],
    [
      'switchyard_errors_total',
      'Requests that ended in an error (a broken stream included).',
      metricSlot.errors,
      1,
    ],
    [
      'switchyard_cost_usd_total',
      'What the answers cost, in US dollars.',
      metricSlot.costNanos,
      nanosPerDollar,
    ],
    [
      'switchyard_cache_hits_total',
      'Answers served from the response cache.',
      metricSlot.cacheHits,
      1,
    ],
    [
      'switchyard_failovers_total',
      'Moves to another target after a failure or a broken stream.',
      metricSlot.failovers,
      1,
    ],
  ];
  for (const [name, help, slot, scale] of counters) {
    family(name, 'counter', help);
    for (const { labels, vector } of series)
      sample(lines, name, labels, (vector.get(slot) ?? 0) / scale);
  }
  family(
    'switchyard_key_requests_total',
    'counter',
    'Requests per key (by its masked label) and team.',
  );
  for (const { labels, vector } of keys)
    sample(lines, 'switchyard_key_requests_total', labels, vector.get(keyMetricSlot.requests) ?? 0);
  family(
    'switchyard_key_cost_usd_total',
    'counter',
    'Cost per key (by its masked label) and team, in US dollars.',
  );
  for (const { labels, vector } of keys) {
    sample(
      lines,
      'switchyard_key_cost_usd_total',
      labels,
      (vector.get(keyMetricSlot.costNanos) ?? 0) / nanosPerDollar,
    );
  }
  family('switchyard_circuit_open', 'gauge', "1 while a target's circuit breaker is open.");
  for (const [target, open] of snapshot.circuits)
    sample(lines, 'switchyard_circuit_open', [['target', target]], open ? 1 : 0);
  return `${lines.join('\n')}\n`;
}

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

const seconds = durationBoundariesMs.map((ms) => ms / 1_000);

function histogram(
  lines: string[],
  name: string,
  labels: Labels,
  vector: SparseVector,
  first: number,
  boundaries: readonly number[],
  sum: number,
): void {
  let cumulative = 0;
  for (let index = 0; index < histogramBuckets; index += 1) {
    cumulative += vector.get(first + index) ?? 0;
    const le = index < boundaries.length ? String(boundaries[index]) : '+Inf';
    sample(lines, `${name}_bucket`, [...labels, ['le', le]], cumulative);
  }
  sample(lines, `${name}_sum`, labels, sum);
  sample(lines, `${name}_count`, labels, cumulative);
}

function sample(lines: string[], name: string, labels: Labels, value: number): void {
  const text = labels.map(([label, raw]) => `${label}="${escapeLabel(raw)}"`).join(',');
  lines.push(`${name}{${text}} ${Number.isInteger(value) ? value : Number(value.toPrecision(12))}`);
}

function seriesLabelsOf(field: string): Labels {
  const values = field === overflowField ? [] : field.split('\t');
  return seriesLabels.map((name, index) => [
    name,
    field === overflowField ? otherLabel : (values[index] ?? ''),
  ]);
}

function keyLabelsOf(field: string): Labels {
  if (field === overflowField)
    return [
      ['key', otherLabel],
      ['team', otherLabel],
    ];
  const [key = '', team = ''] = field.split('\t');
  return [
    ['key', key],
    ['team', team],
  ];
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
