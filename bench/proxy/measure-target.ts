import type { LatencySummary } from '../lib/latency.ts';
import { type ProfileWindow, summarizeProfile } from '../lib/profile-summary.ts';
import { httpProbe, load, measureRounds, measureThroughput, verify, warmCache } from './measure.ts';
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

export interface TargetRun {
  figures: TargetFigures;
  upstashGet?: LatencySummary;
  profile?: { text: string; figures: object };
}

const progress = (id: TargetId, text: string) => console.log(`[bench] ${id.padEnd(16)} ${text}`);
const ms = (summary: LatencySummary) =>
  `p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms`;
const monotonicUs = () => Number(process.hrtime.bigint() / 1_000n);
const rounds = 5;

/**
 * Starts one target, measures latency (in rounds alternating with `direct`), time to first
 * chunk, throughput and RSS, and stops it.
 */
export async function measureTarget(
  id: TargetId,
  direct: RunningTarget,
  settings: RunSettings & { warmupSeconds: number },
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
  const run: Partial<TargetRun> = {};
  let window: ProfileWindow | undefined;
  let figures: TargetFigures;
  try {
    const cacheKey = target.expectCacheHit ? await warmCache(target, 'json') : null;
    if (target.expectCacheHit) await warmCache(target, 'stream');
    await verify(target, 'json');
    await verify(target, 'stream');
    const options = { count: settings.latencyRequests, warmup: settings.latencyWarmup, rounds };
    const baseline = id === 'direct' ? [] : [direct];
    const upstash = target.upstash ? [await upstashGetProbe(target.upstash, cacheKey)] : [];
    const [json, jsonBase, upstashGet] = await measureRounds(
      [target, ...baseline].map((each) => httpProbe(each, 'json')).concat(upstash),
      options,
    );
    if (json === undefined) throw new Error('no latency measured');
    progress(id, `latency json    ${ms(json.total)}`);
    const [stream, streamBase] = await measureRounds(
      [target, ...baseline].map((each) => httpProbe(each, 'stream')),
      options,
    );
    if (stream === undefined) throw new Error('no latency measured');
    progress(id, `latency stream  ${ms(stream.total)}; first chunk ${ms(stream.firstChunk)}`);
    if (upstashGet) {
      run.upstashGet = upstashGet.total;
      progress(id, `one Upstash GET ${ms(upstashGet.total)}`);
    }
    const { connections, throughputSeconds: seconds, warmupSeconds } = settings;
    await load(target, [target.json, target.stream], { seconds: warmupSeconds, connections });
    window = { fromUs: monotonicUs(), toUs: 0, requests: 0 };
    const jsonThroughput = await measureThroughput(target, 'json', seconds, connections);
    progress(
      id,
      `throughput json   ${jsonThroughput.requestsPerSecond} req/s (${jsonThroughput.failures} failed)`,
    );
    const streamThroughput = await measureThroughput(target, 'stream', seconds, connections);
    progress(
      id,
      `throughput stream ${streamThroughput.requestsPerSecond} req/s (${streamThroughput.failures} failed)`,
    );
    window.toUs = monotonicUs();
    window.requests = jsonThroughput.requests + streamThroughput.requests;
    const rssMB = target.process ? target.process.rssBytes() / 2 ** 20 : undefined;
    if (rssMB !== undefined) progress(id, `RSS ${rssMB.toFixed(1)} MB`);
    figures = {
      id,
      json: { latency: json.total, throughput: jsonThroughput },
      stream: {
        latency: stream.total,
        firstChunk: stream.firstChunk,
        throughput: streamThroughput,
      },
      ...(jsonBase &&
        streamBase && {
          baseline: {
            json: jsonBase.total,
            stream: streamBase.total,
            firstChunk: streamBase.firstChunk,
          },
        }),
      ...(rssMB !== undefined && { rssMB: Math.round(rssMB * 10) / 10 }),
    };
  } finally {
    if (target !== direct) await target.close();
  }
  if (profiling && window) {
    run.profile = summarizeProfile(profilesDirectory, window);
    console.log(`\nSwitchyard on Node, throughput phase (json + stream):\n${run.profile.text}\n`);
  }
  return { ...run, figures };
}
