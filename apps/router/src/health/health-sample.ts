/** One finished attempt, as the health windows count it. */
export interface HealthSample {
  ok: boolean;
  /** Time to the answer (non-stream) or to the first content (stream). */
  latencyMs: number;
  /** Streams only: time to the first content part. */
  firstTokenMs?: number;
  /** With `generationMs`, gives output tokens per second. */
  outputTokens?: number;
  generationMs?: number;
}

/** A target's rolling window, summed over its buckets. */
export interface HealthCounters {
  ok: number;
  failed: number;
  latencyMs: number;
  firstTokenCount: number;
  firstTokenMs: number;
  outputTokens: number;
  generationMs: number;
}

export const counterNames = [
  'ok',
  'failed',
  'latencyMs',
  'firstTokenCount',
  'firstTokenMs',
  'outputTokens',
  'generationMs',
] as const satisfies ReadonlyArray<keyof HealthCounters>;

export const emptyCounters = (): HealthCounters => ({
  ok: 0,
  failed: 0,
  latencyMs: 0,
  firstTokenCount: 0,
  firstTokenMs: 0,
  outputTokens: 0,
  generationMs: 0,
});

/** What one sample adds to each counter. */
export function countersOf(sample: HealthSample): HealthCounters {
  return {
    ok: sample.ok ? 1 : 0,
    failed: sample.ok ? 0 : 1,
    latencyMs: sample.ok ? Math.round(sample.latencyMs) : 0,
    firstTokenCount: sample.ok && sample.firstTokenMs !== undefined ? 1 : 0,
    firstTokenMs: sample.ok ? Math.round(sample.firstTokenMs ?? 0) : 0,
    outputTokens: sample.ok ? (sample.outputTokens ?? 0) : 0,
    generationMs: sample.ok && sample.outputTokens ? Math.round(sample.generationMs ?? 0) : 0,
  };
}

/** Rates derived from a window. Undefined where the window has no data for it. */
export interface HealthStats {
  requests: number;
  successRate: number | undefined;
  latencyMs: number | undefined;
  firstTokenMs: number | undefined;
  tokensPerSecond: number | undefined;
}

export function statsOf(counters: HealthCounters): HealthStats {
  const requests = counters.ok + counters.failed;
  return {
    requests,
    successRate: requests === 0 ? undefined : counters.ok / requests,
    latencyMs: counters.ok === 0 ? undefined : counters.latencyMs / counters.ok,
    firstTokenMs:
      counters.firstTokenCount === 0 ? undefined : counters.firstTokenMs / counters.firstTokenCount,
    tokensPerSecond:
      counters.generationMs === 0
        ? undefined
        : (counters.outputTokens * 1000) / counters.generationMs,
  };
}
