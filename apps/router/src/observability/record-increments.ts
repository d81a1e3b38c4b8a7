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
import { add, bucketOf, type SparseVector } from './sparse-vector.ts';

/** What one request adds to a rollup field (every time bucket gets the same). */
export function rollupIncrement(record: RequestRecord): SparseVector {
  const vector: SparseVector = new Map();
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
  add(vector, latencyHistogramSlot + bucketOf(durationBoundariesMs, record.latency_ms), 1);
  if (record.first_token_ms !== null) {
    add(vector, rollupSlot.first_token_ms_sum, record.first_token_ms);
    add(vector, firstTokenHistogramSlot + bucketOf(durationBoundariesMs, record.first_token_ms), 1);
  }
  return vector;
}

/** What one request adds to its `/metrics` series. */
export function metricIncrement(record: RequestRecord): SparseVector {
  const vector: SparseVector = new Map();
  add(vector, metricSlot.requests, 1);
  if (record.status === 'error') add(vector, metricSlot.errors, 1);
  const { input, output } = record.tokens;
  if (input > 0 || output > 0) {
    add(vector, metricSlot.inputTokensSum, input);
    add(vector, metricSlot.outputTokensSum, output);
    add(vector, metricSlot.inputTokensHistogram + bucketOf(tokenBoundaries, input), 1);
    add(vector, metricSlot.outputTokensHistogram + bucketOf(tokenBoundaries, output), 1);
  }
  add(vector, metricSlot.durationMsSum, record.latency_ms);
  add(vector, metricSlot.durationHistogram + bucketOf(durationBoundariesMs, record.latency_ms), 1);
  if (record.first_token_ms !== null) {
    const first = record.first_token_ms;
    add(vector, metricSlot.firstChunkMsSum, first);
    add(vector, metricSlot.firstChunkHistogram + bucketOf(durationBoundariesMs, first), 1);
  }
  add(vector, metricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  if (record.cache === 'HIT') add(vector, metricSlot.cacheHits, 1);
  add(vector, metricSlot.failovers, failovers(record));
  return vector;
}

/** What one request adds to its key's `/metrics` series. */
export function keyMetricIncrement(record: RequestRecord): SparseVector {
  const vector: SparseVector = new Map();
  add(vector, keyMetricSlot.requests, 1);
  if (record.status === 'error') add(vector, keyMetricSlot.errors, 1);
  add(vector, keyMetricSlot.costNanos, (record.cost ?? 0) * nanosPerDollar);
  return vector;
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
