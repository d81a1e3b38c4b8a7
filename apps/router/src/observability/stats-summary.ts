import {
  durationBoundariesMs,
  firstTokenHistogramSlot,
  histogramBuckets,
  latencyHistogramSlot,
  nanosPerDollar,
  rollupSlot,
} from './rollup-slots.ts';
import type { DenseVector } from './sparse-vector.ts';

/** Mean and percentiles of a time, from the GenAI histogram buckets; null without observations. */
export interface TimeSummary {
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** What `GET /api/v1/stats` reports for a range, the whole of it or one group of it. */
export interface StatsSummary {
  requests: number;
  errors: number;
  cancelled: number;
  /** errors / requests (0 without requests). */
  error_rate: number;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  /** US dollars. */
  cost: number;
  saved_cost: number;
  cache_hits: number;
  cache_hit_rate: number;
  guardrail_actions: number;
  failovers: number;
  interrupted: number;
  streams: number;
  latency_ms: TimeSummary;
  first_token_ms: TimeSummary;
}

/**
 * The summary of a rollup vector.
 * @example summarize(vector).latency_ms.p95
 */
export function summarize(vector: DenseVector): StatsSummary {
  const slot = (name: keyof typeof rollupSlot) => vector[rollupSlot[name]] ?? 0;
  const requests = slot('requests');
  const rate = (count: number) => (requests === 0 ? 0 : round(count / requests, 4));
  return {
    requests,
    errors: slot('errors'),
    cancelled: slot('cancelled'),
    error_rate: rate(slot('errors')),
    input_tokens: slot('input_tokens'),
    output_tokens: slot('output_tokens'),
    cached_tokens: slot('cached_tokens'),
    reasoning_tokens: slot('reasoning_tokens'),
    cost: slot('cost_nanos') / nanosPerDollar,
    saved_cost: slot('saved_nanos') / nanosPerDollar,
    cache_hits: slot('cache_hits'),
    cache_hit_rate: rate(slot('cache_hits')),
    guardrail_actions: slot('guardrail_actions'),
    failovers: slot('failovers'),
    interrupted: slot('interrupted'),
    streams: slot('streams'),
    latency_ms: timeSummary(vector, latencyHistogramSlot, slot('latency_ms_sum')),
    first_token_ms: timeSummary(vector, firstTokenHistogramSlot, slot('first_token_ms_sum')),
  };
}

function timeSummary(vector: DenseVector, first: number, sum: number): TimeSummary {
  const counts = Array.from({ length: histogramBuckets }, (_, index) => vector[first + index] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return { mean: null, p50: null, p95: null, p99: null };
  return {
    mean: round(sum / total, 1),
    p50: percentile(counts, total, 0.5),
    p95: percentile(counts, total, 0.95),
    p99: percentile(counts, total, 0.99),
  };
}

/**
 * A percentile from histogram bucket counts, interpolated linearly within its bucket (as
 * Prometheus' `histogram_quantile` does); the overflow bucket answers its lower bound.
 * @example percentile([2, 2], 4, 0.5) // 10 (the first bucket's upper bound, 10 ms)
 */
export function percentile(counts: readonly number[], total: number, quantile: number): number {
  const rank = quantile * total;
  let below = 0;
  for (const [index, count] of counts.entries()) {
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : (durationBoundariesMs[index - 1] as number);
      const upper = durationBoundariesMs[index];
      if (upper === undefined) return lower;
      return round(lower + ((upper - lower) * (rank - below)) / count, 1);
    }
    below += count;
  }
  return durationBoundariesMs.at(-1) as number;
}

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
