import type { LatencySummary } from '../lib/latency.ts';
import type { CpuFigures } from './cpu-figures.ts';
import type { Kind, Throughput } from './measure.ts';
import type { TargetId } from './targets.ts';

/** Everything measured for one target in one run; a kind left out by `--kinds` is absent. */
export interface TargetFigures {
  id: TargetId;
  json?: { latency: LatencySummary; throughput: Throughput };
  stream?: { latency: LatencySummary; firstChunk: LatencySummary; throughput: Throughput };
  /** Direct to the upstream, measured in the same rounds as this target (not for direct). */
  baseline?: { json?: LatencySummary; stream?: LatencySummary; firstChunk?: LatencySummary };
  /** Resident memory of the proxy process after the throughput phases, in MB. */
  rssMB?: number;
  /** The proxy's CPU over the throughput phases (not for direct). */
  cpu?: CpuFigures;
}

export interface PerKind {
  json: number;
  stream: number;
}

/** A target next to direct, the minimal proxy, Portkey and plain Switchyard, from one run. */
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
  /** RSS after the throughput phases over the minimal proxy's. */
  rssVsMinimal: number;
  /** Over plain `switchyard` (the governed target's cost): throughput, added p50, first chunk. */
  throughputVsSwitchyard: PerKind;
  addedP50VsSwitchyard: PerKind;
  addedFirstChunkVsSwitchyard: number;
}

const perKind = (value: (kind: Kind) => number): PerKind => ({
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
  const plain = byId.get('switchyard');
  const added = (figures: TargetFigures | undefined, kind: Kind, key: 'p50' | 'p99') =>
    (figures?.[kind]?.latency[key] ?? Number.NaN) -
    ((figures?.baseline?.[kind] ?? direct?.[kind]?.latency)?.[key] ?? Number.NaN);
  const rps = (figures: TargetFigures | undefined, kind: Kind) =>
    figures?.[kind]?.throughput.requestsPerSecond ?? Number.NaN;
  const firstChunk = (figures: TargetFigures | undefined) =>
    (figures?.stream?.firstChunk.p50 ?? Number.NaN) -
    ((figures?.baseline?.firstChunk ?? direct?.stream?.firstChunk)?.p50 ?? Number.NaN);
  const rss = (figures: TargetFigures | undefined) => figures?.rssMB ?? Number.NaN;
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
    rssVsMinimal: rounded(rss(figures) / rss(minimal), 2),
    throughputVsSwitchyard: perKind((kind) => rounded(rps(figures, kind) / rps(plain, kind), 2)),
    addedP50VsSwitchyard: perKind((kind) =>
      rounded(added(figures, kind, 'p50') / added(plain, kind, 'p50'), 2),
    ),
    addedFirstChunkVsSwitchyard: rounded(firstChunk(figures) / firstChunk(plain), 2),
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

/** Figures for the goals that are not in the comparisons. */
export interface GoalInputs {
  /** Cache-hit p50 and one Upstash GET of the entry through the same client, in ms. */
  hitP50?: number;
  upstashGetP50?: number;
  /** The Worker bundle as `wrangler deploy` uploads it, gzip, in KiB. */
  bundleGzipKiB?: number;
}

/** How much slower the governed target may be than plain Switchyard, for every goal. */
const governedSlack = 0.15;

/**
 * The goals: Switchyard on Node (cache off) against the minimal proxy and Portkey, the
 * cache hit against one Upstash GET, `switchyard-governed` against plain `switchyard`, and
 * the Worker bundle's size.
 */
export function checkGoals(comparisons: Comparison[], inputs: GoalInputs): GoalCheck[] {
  const of = (id: TargetId) => (pick: (comparison: Comparison) => number) => {
    const comparison = comparisons.find((each) => each.id === id);
    return comparison ? pick(comparison) : Number.NaN;
  };
  const router = of('switchyard');
  const governed = of('switchyard-governed');
  const withGovernance = 'with budget + rate limit + guardrails:';
  return [
    check(
      'throughput stream >= 0.6x minimal proxy',
      router((c) => c.throughputVsMinimal.stream),
      (v) => v >= 0.6,
    ),
    check(
      'throughput stream >= 2x Portkey',
      router((c) => c.throughputVsPortkey.stream),
      (v) => v >= 2,
    ),
    check(
      'throughput json >= 1.0x minimal proxy',
      router((c) => c.throughputVsMinimal.json),
      (v) => v >= 1,
    ),
    check(
      "added latency p50 json <= 1.0x minimal proxy's",
      router((c) => c.addedP50VsMinimal.json),
      (v) => v <= 1,
    ),
    check(
      "added latency p99 json <= 1.25x minimal proxy's",
      router((c) => c.addedP99VsMinimal.json),
      (v) => v <= 1.25,
    ),
    check(
      'time to first chunk p50 within 0.5 ms of minimal proxy',
      router((c) => c.firstChunkVsMinimalMs),
      (v) => v <= 0.5,
      ' ms',
    ),
    check(
      "RSS under load <= 1.5x minimal proxy's",
      router((c) => c.rssVsMinimal),
      (v) => v <= 1.5,
    ),
    check(
      'cache hit p50 <= 1.5x one Upstash GET p50',
      rounded((inputs.hitP50 ?? Number.NaN) / (inputs.upstashGetP50 ?? Number.NaN), 2),
      (v) => v <= 1.5,
    ),
    check(
      `${withGovernance} throughput json >= 0.85x without them`,
      governed((c) => c.throughputVsSwitchyard.json),
      (v) => v >= 1 - governedSlack,
    ),
    check(
      `${withGovernance} throughput stream >= 0.85x without them`,
      governed((c) => c.throughputVsSwitchyard.stream),
      (v) => v >= 1 - governedSlack,
    ),
    check(
      `${withGovernance} added latency p50 json <= 1.15x without them`,
      governed((c) => c.addedP50VsSwitchyard.json),
      (v) => v <= 1 + governedSlack,
    ),
    check(
      `${withGovernance} first chunk added p50 <= 1.15x without them`,
      governed((c) => c.addedFirstChunkVsSwitchyard),
      (v) => v <= 1 + governedSlack,
    ),
    check(
      'Worker bundle <= 768 KiB gzip',
      inputs.bundleGzipKiB ?? Number.NaN,
      (v) => v <= 768,
      ' KiB',
    ),
  ];
}

/** How much `final` grew over `baseline`, in percent (negative when it shrank). */
export function growthPercent(baseline: number, final: number): number {
  return baseline > 0 ? ((final - baseline) / baseline) * 100 : Number.NaN;
}
