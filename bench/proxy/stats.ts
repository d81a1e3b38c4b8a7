import type { LatencySummary } from '../lib/latency.ts';
import type { Throughput } from './measure.ts';
import type { TargetId } from './targets.ts';

/** Everything measured for one target in one run. */
export interface TargetFigures {
  id: TargetId;
  json: { latency: LatencySummary; throughput: Throughput };
  stream: { latency: LatencySummary; firstChunk: LatencySummary; throughput: Throughput };
  /** Direct to the upstream, measured in the same rounds as this target (not for direct). */
  baseline?: { json: LatencySummary; stream: LatencySummary; firstChunk: LatencySummary };
  /** Resident memory of the proxy process after the throughput phases, in MB. */
  rssMB?: number;
}

export interface PerKind {
  json: number;
  stream: number;
}

/** A target next to direct, the minimal proxy and Portkey, measured in the same run. */
export interface Comparison {
  id: TargetId;
  /** Target latency minus direct latency (measured in the same rounds), in ms. */
  addedP50: PerKind;
  addedP99: PerKind;
  /** Added latency over the minimal proxy's added latency. */
  addedP50VsMinimal: PerKind;
  addedP99VsMinimal: PerKind;
  throughputVsMinimal: PerKind;
  throughputVsPortkey: PerKind;
  /** Time to first streamed chunk (p50) over direct's, in ms. */
  addedFirstChunk: number;
  /** Added time to first chunk minus the minimal proxy's / Portkey's, in ms. */
  firstChunkVsMinimalMs: number;
  firstChunkVsPortkeyMs: number;
}

const kinds = ['json', 'stream'] as const;
const perKind = (value: (kind: 'json' | 'stream') => number): PerKind => ({
  json: value('json'),
  stream: value('stream'),
});
const rounded = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Ratios and differences for every target; NaN where a reference was not measured. */
export function compare(targets: TargetFigures[]): Comparison[] {
  const byId = new Map(targets.map((figures) => [figures.id, figures]));
  const direct = byId.get('direct');
  const minimal = byId.get('minimal');
  const portkey = byId.get('portkey');
  const added = (figures: TargetFigures | undefined, kind: 'json' | 'stream', key: 'p50' | 'p99') =>
    (figures?.[kind].latency[key] ?? Number.NaN) -
    ((figures?.baseline?.[kind] ?? direct?.[kind].latency)?.[key] ?? Number.NaN);
  const rps = (figures: TargetFigures | undefined, kind: 'json' | 'stream') =>
    figures?.[kind].throughput.requestsPerSecond ?? Number.NaN;
  const firstChunk = (figures: TargetFigures | undefined) =>
    (figures?.stream.firstChunk.p50 ?? Number.NaN) -
    ((figures?.baseline?.firstChunk ?? direct?.stream.firstChunk)?.p50 ?? Number.NaN);
  return targets.map((figures) => ({
    id: figures.id,
    addedP50: perKind((kind) => rounded(added(figures, kind, 'p50'))),
    addedP99: perKind((kind) => rounded(added(figures, kind, 'p99'))),
    addedP50VsMinimal: perKind((kind) =>
      rounded(added(figures, kind, 'p50') / added(minimal, kind, 'p50'), 2),
    ),
    addedP99VsMinimal: perKind((kind) =>
      rounded(added(figures, kind, 'p99') / added(minimal, kind, 'p99'), 2),
    ),
    throughputVsMinimal: perKind((kind) => rounded(rps(figures, kind) / rps(minimal, kind), 2)),
    throughputVsPortkey: perKind((kind) => rounded(rps(figures, kind) / rps(portkey, kind), 2)),
    addedFirstChunk: rounded(firstChunk(figures)),
    firstChunkVsMinimalMs: rounded(firstChunk(figures) - firstChunk(minimal)),
    firstChunkVsPortkeyMs: rounded(firstChunk(figures) - firstChunk(portkey)),
  }));
}

/** One performance goal: PASS, MISS, or n/a when its figures were not measured in this run. */
export interface GoalCheck {
  goal: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'n/a';
}

const check = (
  goal: string,
  measured: number,
  pass: (value: number) => boolean,
  unit = 'x',
): GoalCheck => ({
  goal,
  measured: Number.isFinite(measured) ? `${measured}${unit}` : 'not measured',
  status: Number.isFinite(measured) ? (pass(measured) ? 'PASS' : 'MISS') : 'n/a',
});

/** The goals for Switchyard on Node (cache off; cache hits for the cache goal). */
export function checkGoals(
  comparisons: Comparison[],
  cache: { hitP50?: number; upstashGetP50?: number },
): GoalCheck[] {
  const router = comparisons.find((comparison) => comparison.id === 'switchyard');
  const value = (pick: (comparison: Comparison) => number) => (router ? pick(router) : Number.NaN);
  const goals: GoalCheck[] = [];
  for (const kind of kinds) {
    goals.push(
      check(
        `throughput ${kind} >= 1.0x minimal proxy`,
        value((c) => c.throughputVsMinimal[kind]),
        (v) => v >= 1,
      ),
      check(
        `throughput ${kind} >= 2x Portkey`,
        value((c) => c.throughputVsPortkey[kind]),
        (v) => v >= 2,
      ),
    );
  }
  for (const kind of kinds) {
    goals.push(
      check(
        `added latency p50 ${kind} <= 1.0x minimal proxy's`,
        value((c) => c.addedP50VsMinimal[kind]),
        (v) => v <= 1,
      ),
      check(
        `added latency p99 ${kind} <= 1.25x minimal proxy's`,
        value((c) => c.addedP99VsMinimal[kind]),
        (v) => v <= 1.25,
      ),
    );
  }
  goals.push(
    check(
      'time to first chunk p50 within 0.5 ms of minimal proxy',
      value((c) => c.firstChunkVsMinimalMs),
      (v) => v <= 0.5,
      ' ms',
    ),
    check(
      'cache hit p50 <= 1.5x one Upstash GET p50',
      rounded((cache.hitP50 ?? Number.NaN) / (cache.upstashGetP50 ?? Number.NaN), 2),
      (v) => v <= 1.5,
    ),
  );
  return goals;
}

/** How much `final` grew over `baseline`, in percent (negative when it shrank). */
export function growthPercent(baseline: number, final: number): number {
  return baseline > 0 ? ((final - baseline) / baseline) * 100 : Number.NaN;
}
