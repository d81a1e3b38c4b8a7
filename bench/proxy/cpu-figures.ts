import type { Kind } from './measure.ts';
import { chunksPerAnswer } from './upstream.ts';

/** What /proc counted for the proxy over one throughput phase, and what it answered meanwhile. */
export interface CpuPhase {
  cpuMs: number;
  requests: number;
  seconds: number;
}

/** The proxy's CPU (user + system) per answer and per streamed chunk, in µs; NaN when not measured. */
export interface CpuFigures {
  jsonUsPerRequest: number;
  streamUsPerRequest: number;
  /** Stream CPU per request ÷ the 20 chunks of one answer. */
  streamUsPerChunk: number;
  /** (Stream − JSON CPU per request) ÷ 20: what the streaming itself costs per chunk. */
  marginalUsPerChunk: number;
  /** How much of its core the proxy used in each phase, in percent. */
  busyPercent: { json: number; stream: number };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** CPU per request of each phase measured, per chunk both ways, and how busy the core was. */
export function cpuFigures(phases: Partial<Record<Kind, CpuPhase>>): CpuFigures {
  const perRequest = (phase: CpuPhase | undefined) =>
    phase && phase.requests > 0 ? (phase.cpuMs * 1_000) / phase.requests : Number.NaN;
  const busy = (phase: CpuPhase | undefined) =>
    phase && phase.seconds > 0 ? (phase.cpuMs / (phase.seconds * 1_000)) * 100 : Number.NaN;
  const json = perRequest(phases.json);
  const stream = perRequest(phases.stream);
  return {
    jsonUsPerRequest: round(json),
    streamUsPerRequest: round(stream),
    streamUsPerChunk: round(stream / chunksPerAnswer),
    marginalUsPerChunk: round((stream - json) / chunksPerAnswer),
    busyPercent: { json: round(busy(phases.json), 0), stream: round(busy(phases.stream), 0) },
  };
}
