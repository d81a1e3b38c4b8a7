import type { LatencySummary } from '../lib/latency.ts';
import { type ProfileWindow, summarizeProfile } from '../lib/profile-summary.ts';
import { type CpuPhase, cpuFigures } from './cpu-figures.ts';
import {
  httpProbe,
  type Kind,
  type LatencyFigures,
  load,
  measureRounds,
  measureThroughput,
  type Throughput,
  verify,
  verifyGuardrails,
  warmCache,
} from './measure.ts';
import type { RunSettings } from './report.ts';
import type { TargetFigures } from './stats.ts';
import {
  profilesDirectory,
  type RunningTarget,
  startTarget,
  type TargetId,
  targetLabels,
} from './targets.ts';
import { upstashGetProbe } from './upstash-get.ts';
import { chunksPerAnswer } from './upstream.ts';

export interface TargetRun {
  figures: TargetFigures;
  upstashGet?: LatencySummary;
  /** Self time of the profiled router per kind's throughput phase (`--profile`). */
  profile?: Partial<Record<Kind, object>>;
}

export type TargetSettings = RunSettings & { warmupSeconds: number };

const progress = (id: TargetId, text: string) => console.log(`[bench] ${id.padEnd(19)} ${text}`);
const ms = (summary: LatencySummary) =>
  `p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms`;
const monotonicUs = () => Number(process.hrtime.bigint() / 1_000n);
const rounds = 5;

/**
 * Starts one target, measures latency (in rounds alternating with `direct`), time to first
 * chunk, throughput with the proxy's CPU per kind, and RSS, and stops it.
 */
export async function measureTarget(
  id: TargetId,
  direct: RunningTarget,
  settings: TargetSettings,
): Promise<TargetRun> {
  const profiling = settings.profile && id === 'switchyard';
  const target =
    id === 'direct'
      ? direct
      : await startTarget(id, {
          upstreamUrl: direct.url,
          profileDirectory: profiling ? profilesDirectory : undefined,
        });
  progress(id, `started ${targetLabels[id]} at ${target.url}`);
  let run: TargetRun;
  let windows: Partial<Record<Kind, ProfileWindow>> = {};
  try {
    const cacheKey = target.expectCacheHit ? await warmCache(target, 'json') : null;
    if (target.expectCacheHit) await warmCache(target, 'stream');
    await verify(target, 'json');
    await verify(target, 'stream');
    if (target.governed) await verifyGuardrails(target);
    const latency = await measureLatency(target, target === direct ? undefined : direct, {
      cacheKey,
      settings,
    });
    const throughput = await measureLoad(target, settings);
    windows = throughput.windows;
    const rssMB = target.process ? target.process.rssBytes() / 2 ** 20 : undefined;
    if (rssMB !== undefined) progress(id, `RSS ${rssMB.toFixed(1)} MB`);
    run = {
      figures: {
        id,
        ...figuresOf(latency.own, latency.base, throughput.results),
        ...(rssMB !== undefined && { rssMB: Math.round(rssMB * 10) / 10 }),
        ...(throughput.cpu && { cpu: throughput.cpu }),
      },
      ...(latency.upstashGet && { upstashGet: latency.upstashGet }),
    };
  } finally {
    if (target !== direct) await target.close();
  }
  // The profile is written when the router exits.
  if (profiling) run.profile = summarizeKinds(windows);
  return run;
}

type ByKind<T> = Partial<Record<Kind, T>>;

/** Concurrency-1 latency of each kind measured, with direct in the same rounds (and one GET). */
async function measureLatency(
  target: RunningTarget,
  direct: RunningTarget | undefined,
  options: { cacheKey: string | null; settings: TargetSettings },
) {
  const { settings } = options;
  const roundOptions = { count: settings.latencyRequests, warmup: settings.latencyWarmup, rounds };
  const own: ByKind<LatencyFigures> = {};
  const base: ByKind<LatencyFigures> = {};
  let upstashGet: LatencySummary | undefined;
  for (const kind of settings.kinds) {
    const probes = [httpProbe(target, kind), ...(direct ? [httpProbe(direct, kind)] : [])];
    // One Upstash GET of the cached entry, in the rounds of the first kind measured.
    const withGet = target.upstash !== undefined && upstashGet === undefined;
    if (withGet && target.upstash) {
      probes.push(await upstashGetProbe(target.upstash, options.cacheKey));
    }
    const results = await measureRounds(probes, roundOptions);
    const mine = results[0];
    if (mine === undefined) throw new Error('no latency measured');
    own[kind] = mine;
    if (direct) base[kind] = results[1];
    const firstChunk = kind === 'stream' ? `; first chunk ${ms(mine.firstChunk)}` : '';
    progress(target.id, `latency ${kind.padEnd(7)} ${ms(mine.total)}${firstChunk}`);
    if (withGet) {
      upstashGet = results.at(-1)?.total;
      if (upstashGet) progress(target.id, `one Upstash GET ${ms(upstashGet)}`);
    }
  }
  return { own, base, upstashGet };
}

/**
 * A mixed warm-up, then autocannon for each kind in turn, the proxy's CPU time read from /proc
 * before and after each phase.
 */
async function measureLoad(target: RunningTarget, settings: TargetSettings) {
  const { connections, throughputSeconds: seconds, warmupSeconds, kinds } = settings;
  await load(
    target,
    kinds.map((kind) => target[kind]),
    { seconds: warmupSeconds, connections },
  );
  const results: ByKind<Throughput> = {};
  const phases: ByKind<CpuPhase> = {};
  const windows: ByKind<ProfileWindow> = {};
  const cpuMs = () => target.process?.cpuMs() ?? Number.NaN;
  for (const kind of kinds) {
    const cpuBefore = cpuMs();
    const fromUs = monotonicUs();
    const result = await measureThroughput(target, kind, seconds, connections);
    const toUs = monotonicUs();
    const phase = { cpuMs: cpuMs() - cpuBefore, requests: result.requests };
    phases[kind] = { ...phase, seconds: (toUs - fromUs) / 1e6 };
    windows[kind] = { fromUs, toUs, requests: result.requests };
    results[kind] = result;
    const cpu = target.process
      ? `, CPU ${((phase.cpuMs * 1_000) / phase.requests).toFixed(1)} µs/request, core ${Math.round((phase.cpuMs / ((toUs - fromUs) / 1_000)) * 100)}% busy`
      : '';
    progress(
      target.id,
      `throughput ${kind.padEnd(6)} ${result.requestsPerSecond} req/s (${result.failures} failed)${cpu}`,
    );
  }
  if (target.process === undefined) return { results, windows };
  const cpu = cpuFigures(phases);
  if (phases.stream) {
    const marginal = Number.isFinite(cpu.marginalUsPerChunk)
      ? `, marginal ${cpu.marginalUsPerChunk} µs ((stream − JSON) ÷ ${chunksPerAnswer})`
      : '';
    progress(
      target.id,
      `CPU per streamed chunk ${cpu.streamUsPerChunk} µs (stream ÷ ${chunksPerAnswer})${marginal}`,
    );
  }
  return { results, windows, cpu };
}

/** A target's figures from what was measured; a kind not measured is left out. */
function figuresOf(
  own: ByKind<LatencyFigures>,
  base: ByKind<LatencyFigures>,
  throughput: ByKind<Throughput>,
): Omit<TargetFigures, 'id'> {
  const { json, stream } = own;
  return {
    ...(json && throughput.json && { json: { latency: json.total, throughput: throughput.json } }),
    ...(stream &&
      throughput.stream && {
        stream: {
          latency: stream.total,
          firstChunk: stream.firstChunk,
          throughput: throughput.stream,
        },
      }),
    ...((base.json || base.stream) && {
      baseline: {
        ...(base.json && { json: base.json.total }),
        ...(base.stream && { stream: base.stream.total, firstChunk: base.stream.firstChunk }),
      },
    }),
  };
}

/** The profile's self time within each kind's throughput phase, printed and returned. */
function summarizeKinds(windows: ByKind<ProfileWindow>): ByKind<object> {
  const summaries: ByKind<object> = {};
  for (const [kind, window] of Object.entries(windows) as [Kind, ProfileWindow][]) {
    const summary = summarizeProfile(profilesDirectory, window);
    console.log(`\nSwitchyard on Node, throughput phase (${kind}):\n${summary.text}\n`);
    summaries[kind] = summary.figures;
  }
  return summaries;
}
