import type { LatencySummary } from '../../lib/latency.ts';
import type { TargetFigures } from '../stats.ts';
import type { TargetId } from '../targets.ts';

const latency = (p50: number, p99: number): LatencySummary => ({
  samples: 100,
  p50,
  p90: p50,
  p99,
  mean: p50,
  min: p50,
  max: p99,
});
const throughput = (requestsPerSecond: number) => ({
  requestsPerSecond,
  requests: requestsPerSecond * 10,
  failures: 0,
});

/** A target's figures, with the same latency for JSON and stream. */
export const figures = (
  id: TargetId,
  p50: number,
  p99: number,
  rps: { json: number; stream: number },
  firstChunkP50 = p50,
): TargetFigures => ({
  id,
  json: { latency: latency(p50, p99), throughput: throughput(rps.json) },
  stream: {
    latency: latency(p50, p99),
    firstChunk: latency(firstChunkP50, p99),
    throughput: throughput(rps.stream),
  },
});
