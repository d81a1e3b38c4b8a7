/**
 * The OpenTelemetry GenAI client histograms' bucket boundaries: operation duration and time to
 * first chunk in seconds (here in ms), token usage in tokens. Rollups and `/metrics` share them,
 * so a percentile from the stats API and one from Prometheus agree.
 */
export const durationBoundariesMs = [
  10, 20, 40, 80, 160, 320, 640, 1_280, 2_560, 5_120, 10_240, 20_480, 40_960, 81_920,
] as const;
export const tokenBoundaries = [
  1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216,
  67_108_864,
] as const;

/** Buckets of a histogram: one per boundary, and the overflow. */
export const histogramBuckets = durationBoundariesMs.length + 1;

/** The counters of a rollup field (one request group in one time bucket), by slot. */
export const rollupCounters = [
  'requests',
  'errors',
  'cancelled',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'reasoning_tokens',
  'cost_nanos',
  'saved_nanos',
  'cache_hits',
  'guardrail_actions',
  'failovers',
  'interrupted',
  'streams',
  'latency_ms_sum',
  'first_token_ms_sum',
] as const;
export type RollupCounter = (typeof rollupCounters)[number];

/** Slot of each rollup counter. */
export const rollupSlot = Object.fromEntries(
  rollupCounters.map((name, index) => [name, index]),
) as Record<RollupCounter, number>;

/** First slot of the latency histogram (whole request), then of the first-token one. */
export const latencyHistogramSlot = rollupCounters.length;
export const firstTokenHistogramSlot = latencyHistogramSlot + histogramBuckets;

/** The slots of one `/metrics` series (an operation, provider, models and error type), all time. */
export const metricSlot = {
  requests: 0,
  errors: 1,
  inputTokensSum: 2,
  outputTokensSum: 3,
  inputTokensHistogram: 4,
  outputTokensHistogram: 4 + histogramBuckets,
  durationMsSum: 4 + 2 * histogramBuckets,
  durationHistogram: 5 + 2 * histogramBuckets,
  firstChunkMsSum: 5 + 3 * histogramBuckets,
  firstChunkHistogram: 6 + 3 * histogramBuckets,
  costNanos: 6 + 4 * histogramBuckets,
  cacheHits: 7 + 4 * histogramBuckets,
  failovers: 8 + 4 * histogramBuckets,
} as const;

/** The slots of one key's `/metrics` series. */
export const keyMetricSlot = { requests: 0, errors: 1, costNanos: 2 } as const;

export const nanosPerDollar = 1_000_000_000;
