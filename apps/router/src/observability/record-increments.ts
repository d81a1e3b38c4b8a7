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
import { addEncoded, bucketOf, type SparseVector, VectorWriter } from './sparse-vector.ts';

/**
 * What one request adds to a rollup field (every time bucket gets the same), in its wire form.
 * Slots are written in ascending order: the sums, then the histograms.
 */
export function encodedRollupIncrement(record: RequestRecord): string {
  const vector = new VectorWriter();
  vector.add(rollupSlot.requests, 1);
  if (record.status === 'error') vector.add(rollupSlot.errors, 1);
  if (record.status === 'cancelled') vector.add(rollupSlot.cancelled, 1);
  vector.add(rollupSlot.input_tokens, record.tokens.input);
  vector.add(rollupSlot.output_tokens, record.tokens.output);
  vector.add(rollupSlot.cached_tokens, record.tokens.cached);
  vector.add(rollupSlot.reasoning_tokens, record.tokens.reasoning);
  vector.add(rollupSlot.cost_nanos, (record.cost ?? 0) * nanosPerDollar);
  vector.add(rollupSlot.saved_nanos, (record.saved_cost ?? 0) * nanosPerDollar);
  if (record.cache === 'HIT') vector.add(rollupSlot.cache_hits, 1);
  vector.add(rollupSlot.guardrail_actions, record.guardrails?.length ?? 0);
  vector.add(rollupSlot.failovers, failovers(record));
  if (record.interrupted) vector.add(rollupSlot.interrupted, 1);
  if (record.stream) vector.add(rollupSlot.streams, 1);
  vector.add(rollupSlot.latency_ms_sum, record.latency_ms);
  const first = record.first_token_ms;
  if (first !== null) vector.add(rollupSlot.first_token_ms_sum, first);
  vector.add(latencyHistogramSlot + bucketOf(durationBoundariesMs, record.latency_ms), 1);
  if (first !== null) {
    vector.add(firstTokenHistogramSlot + bucketOf(durationBoundariesMs, first), 1);
  }
  return vector.encoded();
}

/** `encodedRollupIncrement` as a vector, for adding many up (the synthetic stats bench does). */
export function rollupIncrement(record: RequestRecord): SparseVector {
  return addEncoded(new Map(), encodedRollupIncrement(record));
}

/** What one request adds to its `/metrics` series, in its wire form. */
export function encodedMetricIncrement(record: RequestRecord): string {
  const vector = new VectorWriter();
  vector.add(metricSlot.requests, 1);
  if (record.status === 'error') vector.add(metricSlot.errors, 1);
  const { input, output } = record.tokens;
  if (input > 0 || output > 0) {
    vector.add(metricSlot.inputTokensSum, input);
    vector.add(metricSlot.outputTokensSum, output);
    vector.add(metricSlot.inputTokensHistogram + bucketOf(tokenBoundaries, input), 1);
    vector.add(metricSlot.outputTokensHistogram + bucketOf(tokenBoundaries, output), 1);
  }
  vector.add(metricSlot.durationMsSum, record.latency_ms);
  const duration = metricSlot.durationHistogram + bucketOf(durationBoundariesMs, record.latency_ms);
  vector.add(duration, 1);
  if (record.first_token_ms !== null) {
    const first = record.first_token_ms;
    vector.add(metricSlot.firstChunkMsSum, first);
    vector.add(metricSlot.firstChunkHistogram + bucketOf(durationBoundariesMs, first), 1);
  }
  vector.add(metricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  if (record.cache === 'HIT') vector.add(metricSlot.cacheHits, 1);
  vector.add(metricSlot.failovers, failovers(record));
  return vector.encoded();
}

/** What one request adds to its key's `/metrics` series, in its wire form. */
export function encodedKeyMetricIncrement(record: RequestRecord): string {
  const vector = new VectorWriter();
  vector.add(keyMetricSlot.requests, 1);
  if (record.status === 'error') vector.add(keyMetricSlot.errors, 1);
  vector.add(keyMetricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  return vector.encoded();
}

/**
 * How often the request moved on to another target: after failed attempts, and when another
 * target took over a broken stream. Retries of the same target do not count.
 * @example failovers(record) // 1 for attempts mock/down, mock/down, mock/echo
 */
export function failovers(record: RequestRecord): number {
  const { attempts } = record.route;
  let moves = 0;
  for (let index = 1; index < attempts.length; index += 1) {
    if (attempts[index]?.target !== attempts[index - 1]?.target) moves += 1;
  }
  return moves;
}

/**
 * The group a request is rolled up under: model, provider, key and team. The model is the one
 * that served it, else the first target tried, so a request that failed everywhere still counts
 * against a model of the config (never against a made-up name from the request).
 * @example rollupGroup(record) // ['mock/echo', 'mock', 'a3f9c2…', 'research']
 */
export function rollupGroup(record: RequestRecord): [string, string, string, string] {
  const model =
    record.model ?? record.route.attempts[0]?.target ?? record.route.targets[0] ?? 'unresolved';
  const slash = model.indexOf('/');
  const provider = record.provider ?? (slash > 0 ? model.slice(0, slash) : '');
  return [model, provider, record.key.id, record.team ?? ''];
}
