/** One simulated request, as a policy served it. */
export interface RequestResult {
  arrivedAtMs: number;
  ok: boolean;
  /** Arrival to answer (or to giving up): failed attempts, backoff and Retry-After included. */
  latencyMs: number;
  attempts: number;
  /** US dollars billed: the serving target's price for the request's tokens. */
  costUsd: number;
  /** Index of the target that served it. */
  servedBy: number | undefined;
}

export interface PolicySummary {
  requests: number;
  successRate: number;
  /** Success over the requests that arrived while at least one target was healthy. */
  successWhileHealthy: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  costPer1kUsd: number;
  attemptsPerRequest: number;
  /** Share of requests served by each target. */
  servedShare: number[];
}

/** The value below which `fraction` of the sorted values lie (nearest rank). */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Summarises a run; `healthyAt` says whether any target was healthy at a time. */
export function summarize(
  results: readonly RequestResult[],
  targetCount: number,
  healthyAt: (atMs: number) => boolean = () => true,
): PolicySummary {
  const latencies = Float64Array.from(results, (result) => result.latencyMs).sort();
  let ok = 0;
  let attempts = 0;
  let cost = 0;
  let healthyRequests = 0;
  let healthyOk = 0;
  const served = Array.from({ length: targetCount }, () => 0);
  for (const result of results) {
    if (result.ok) ok++;
    attempts += result.attempts;
    cost += result.costUsd;
    if (result.servedBy !== undefined) served[result.servedBy] = (served[result.servedBy] ?? 0) + 1;
    if (healthyAt(result.arrivedAtMs)) {
      healthyRequests++;
      if (result.ok) healthyOk++;
    }
  }
  const count = results.length;
  return {
    requests: count,
    successRate: count === 0 ? Number.NaN : ok / count,
    successWhileHealthy: healthyRequests === 0 ? Number.NaN : healthyOk / healthyRequests,
    p50LatencyMs: percentile(latencies, 0.5),
    p95LatencyMs: percentile(latencies, 0.95),
    costPer1kUsd: count === 0 ? Number.NaN : (cost / count) * 1_000,
    attemptsPerRequest: count === 0 ? Number.NaN : attempts / count,
    servedShare: served.map((value) => (count === 0 ? 0 : value / count)),
  };
}
