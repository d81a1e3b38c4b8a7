import type { LatencySummary } from '../lib/latency.ts';
import { runFacts, today, writeResult } from '../lib/results.ts';

/** Hit p50 over GET p50 at most this. */
const goal = 1.5;

export interface CacheHitResults {
  setup: { warmup: number; iterations: number; rounds: number; entryBytes: number };
  redisGet: LatencySummary;
  cacheHit: LatencySummary;
  health: LatencySummary;
  memoryHit: LatencySummary;
  /** A hit on a router with request records off (`observability.enabled: false`). */
  unrecordedHit: LatencySummary;
  /** The `--baseline` router's hit, measured in the same rounds as (b). */
  baselineHit?: LatencySummary;
  baselineCpuMsPerHit?: number;
  routerCpuMsPerHit: number;
  profile?: { text: string; figures: object };
  /** Per phase over the measured hits, from ./phase-timer.ts: sum, count and median. */
  phases?: Record<string, { ms: number; count: number; p50: number }>;
}

/** Prints the figures and writes them to bench/results/cache-<date>.json. */
export function report(results: CacheHitResults): void {
  const { redisGet, cacheHit, health, memoryHit, setup } = results;
  const ratio = { p50: cacheHit.p50 / redisGet.p50, p99: cacheHit.p99 / redisGet.p99 };
  const line = (name: string, figures: LatencySummary) =>
    `${name.padEnd(40)} p50 ${figures.p50.toFixed(3)} ms   p99 ${figures.p99.toFixed(3).padStart(6)} ms   mean ${figures.mean.toFixed(3)} ms`;
  console.log(
    `\nResponse-cache hit vs Redis GET (${setup.entryBytes} B entry, ${setup.iterations} each, concurrency 1)`,
  );
  console.log(line('(a) Redis GET via Upstash REST', redisGet));
  console.log(line('(b) cache hit via router (Node, Upstash)', cacheHit));
  if (results.baselineHit) {
    console.log(line('(b0) the same, --baseline router', results.baselineHit));
    console.log(
      `    baseline ratio hit/GET: p50 ${(results.baselineHit.p50 / redisGet.p50).toFixed(2)}x`,
    );
  }
  console.log(
    `ratio hit/GET: p50 ${ratio.p50.toFixed(2)}x, p99 ${ratio.p99.toFixed(2)}x (goal p50 <= ${goal}x: ${ratio.p50 <= goal ? 'met' : 'missed'})`,
  );
  console.log('for scale:');
  console.log(line('    router floor: GET /health', health));
  console.log(line('    cache hit, in-process store', memoryHit));
  console.log(line('    cache hit, Upstash, records off', results.unrecordedHit));
  console.log(
    `    router CPU per Upstash hit (all threads, /proc): ${results.routerCpuMsPerHit.toFixed(3)} ms`,
  );
  if (results.baselineCpuMsPerHit !== undefined) {
    console.log(
      `    --baseline router CPU per hit (all threads, /proc): ${results.baselineCpuMsPerHit.toFixed(3)} ms`,
    );
  }
  const phases = results.phases && perHit(results.phases, setup.iterations);
  if (phases) {
    console.log('wall time inside the router per hit (phase timer; the timer adds overhead):');
    for (const [phase, figures] of Object.entries(phases)) {
      console.log(
        `    ${phase.padEnd(20)} ${figures.msPerHit.toFixed(3)} ms per hit, p50 ${figures.p50.toFixed(3)} ms each (${figures.perHit} per hit)`,
      );
    }
  }
  if (results.profile) console.log(`\n${results.profile.text}`);

  const document = {
    benchmark: 'cache-hit',
    ...runFacts(),
    setup: {
      ...setup,
      concurrency: 1,
      routerCore: 0,
      client: 'fetch (undici, keep-alive)',
      store: '@upstash/redis -> Upstash REST bridge -> redis-server',
    },
    redisGetMs: redisGet,
    cacheHitMs: cacheHit,
    ratio,
    goal: { hitP50OverGetP50: goal, met: ratio.p50 <= goal },
    routerHealthMs: health,
    memoryStoreHitMs: memoryHit,
    unrecordedHitMs: results.unrecordedHit,
    ...(results.baselineHit && {
      baselineHitMs: results.baselineHit,
      baselineCpuMsPerHit: results.baselineCpuMsPerHit,
    }),
    routerCpuMsPerHit: results.routerCpuMsPerHit,
    ...(phases && { phasesPerHit: phases }),
    ...(results.profile && { profile: results.profile.figures }),
  };
  console.log(`\nwrote ${writeResult(`cache-${today()}.json`, document)}`);
}

function perHit(phases: Record<string, { ms: number; count: number; p50: number }>, hits: number) {
  return Object.fromEntries(
    Object.entries(phases).map(([phase, { ms, count, p50 }]) => [
      phase,
      {
        msPerHit: Math.round((ms / hits) * 1_000) / 1_000,
        p50: Math.round(p50 * 1_000) / 1_000,
        perHit: Math.round((count / hits) * 100) / 100,
      },
    ]),
  );
}
