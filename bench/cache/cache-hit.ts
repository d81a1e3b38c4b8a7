/**
 * What a response-cache hit costs next to the Redis read it cannot avoid, in one run on loopback:
 *   (a) one GET of the stored entry (~2 KB) through `@upstash/redis`, the Upstash REST bridge and
 *       redis-server — the client setup, bridge and server the router uses;
 *   (b) a chat completion answered from the cache by the router's Node entry (pinned to core 0);
 *   for scale, the same router's `GET /health` (its HTTP floor), a hit on a second router
 *   whose store is in-process (what the hit costs without the Upstash round trip), and one on a
 *   third with request records off (what the record each answer writes afterwards costs the
 *   next request at concurrency 1: its script runs on the same bridge and Redis).
 * Concurrency 1 over keep-alive fetch; warm-up, then rounds that alternate (a), (b), the hit
 * with records off and the --baseline hit.
 *
 *   pnpm bench:cache                      (root script: the bench and fixtures run on core 1)
 *   options: --iterations=N per side (default 5000), --warmup=N (default 500),
 *            --profile (router under --cpu-prof: self time per place and function, us per hit),
 *            --phases (router with ./phase-timer.ts: wall time of the parts of a hit),
 *            --baseline=<absolute path of another checkout's apps/router/src/node.ts> (its hit
 *            measured in the same rounds, on the same store: a before/after on a noisy machine)
 *
 * Prints p50/p99 of (a) and (b) and the ratio hit/GET (goal: hit p50 <= 1.5x GET p50); writes
 * bench/results/cache-<date>.json. A miss of the goal never fails the process.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnFixtureServers } from '@switchyard/testkit/fixture-process';
import { Redis } from '@upstash/redis';
import { summarize, timeSequentially } from '../lib/latency.ts';
import { routerEntry } from '../lib/pinned-router.ts';
import { summarizeProfile } from '../lib/profile-summary.ts';
import { startBenchRouter } from './bench-router.ts';
import { report } from './report.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '500' },
    profile: { type: 'boolean', default: false },
    phases: { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
});
const warmup = Number(values.warmup);
const rounds = 5;
const perRound = Math.ceil(Number(values.iterations) / rounds);
const hits = perRound * rounds;

const scratch = mkdtempSync(join(tmpdir(), 'cache-hit-'));
const phaseFile = join(scratch, 'phases.json');
const phaseTimer = fileURLToPath(new URL('./phase-timer.ts', import.meta.url));
if (values.phases) process.env.PHASE_TIMER_OUT = phaseFile;
const fixtures = await spawnFixtureServers();
const router = await startBenchRouter(fixtures, {
  store: 'upstash',
  nodeFlags: [
    ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${scratch}`] : []),
    ...(values.phases ? [`--import=${phaseTimer}`] : []),
  ],
});
const memoryRouter = await startBenchRouter(fixtures, { store: 'memory' });
const unrecordedRouter = await startBenchRouter(fixtures, { store: 'upstash', records: false });
const baseline =
  values.baseline === undefined
    ? undefined
    : await startBenchRouter(fixtures, {
        store: 'upstash',
        entry: routerEntry({ BENCH_ROUTER_ENTRY: values.baseline }),
      });

// As `createUpstashStore` configures it: raw strings, auto-pipelining on (the default).
const redis = new Redis({
  url: fixtures.upstashUrl,
  token: fixtures.upstashToken,
  automaticDeserialization: false,
});
const hashPrefix = (await router.complete('MISS')).headers.get('x-switchyard-cache-key');
await memoryRouter.complete('MISS');
let key: string | undefined;
for (let tries = 0; key === undefined && tries < 100; tries += 1) {
  [key] = await redis.keys(`sy:cache:admin:${hashPrefix}*`);
  if (key === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
}
if (key === undefined) throw new Error('the first answer was not stored');
const entryKey = key;
// Same store: the baseline finds the router's entry, or (another key version) stores its own.
for (let tries = 0; baseline !== undefined && tries < 100; tries += 1) {
  const found = await baseline.complete('HIT').then(
    () => true,
    () => false,
  );
  if (found) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const entryBytes = Buffer.byteLength((await redis.get<string>(entryKey)) ?? '');

const get = async () => {
  if ((await redis.get<string>(entryKey)) === null) throw new Error('the entry is gone');
};
const hit = async () => void (await router.complete('HIT'));
const memoryHit = async () => void (await memoryRouter.complete('HIT'));
const unrecordedHit = async () => void (await unrecordedRouter.complete('HIT'));
const baselineHit = async () => void (await baseline?.complete('HIT'));
for (const operation of [get, hit, router.health, memoryHit, unrecordedHit])
  await timeSequentially(warmup, operation);
if (baseline) await timeSequentially(warmup, baselineHit);
if (values.phases && router.pid !== undefined) process.kill(router.pid, 'SIGUSR2');

const samples = {
  get: [] as number[],
  hit: [] as number[],
  health: [] as number[],
  memory: [] as number[],
  unrecorded: [] as number[],
  baseline: [] as number[],
};
const monotonicUs = () => Number(process.hrtime.bigint() / 1_000n);
const window = { fromUs: monotonicUs(), toUs: 0, requests: hits };
let routerCpuMs = 0;
let baselineCpuMs = 0;
for (let round = 0; round < rounds; round += 1) {
  samples.get.push(...(await timeSequentially(perRound, get)));
  const cpuBefore = router.cpuMs();
  samples.hit.push(...(await timeSequentially(perRound, hit)));
  routerCpuMs += router.cpuMs() - cpuBefore;
  samples.unrecorded.push(...(await timeSequentially(perRound, unrecordedHit)));
  if (baseline === undefined) continue;
  const baselineCpuBefore = baseline.cpuMs();
  samples.baseline.push(...(await timeSequentially(perRound, baselineHit)));
  baselineCpuMs += baseline.cpuMs() - baselineCpuBefore;
}
window.toUs = monotonicUs();
samples.health.push(...(await timeSequentially(perRound, router.health)));
samples.memory.push(...(await timeSequentially(perRound, memoryHit)));
await Promise.all([
  router.close(),
  memoryRouter.close(),
  unrecordedRouter.close(),
  baseline?.close(),
]);
await fixtures.close();

report({
  setup: { warmup, iterations: hits, rounds, entryBytes },
  redisGet: summarize(samples.get),
  cacheHit: summarize(samples.hit),
  health: summarize(samples.health),
  memoryHit: summarize(samples.memory),
  unrecordedHit: summarize(samples.unrecorded),
  baselineHit: baseline && summarize(samples.baseline),
  baselineCpuMsPerHit: baseline && baselineCpuMs / hits,
  routerCpuMsPerHit: routerCpuMs / hits,
  profile: values.profile ? summarizeProfile(scratch, window) : undefined,
  phases: values.phases ? JSON.parse(readFileSync(phaseFile, 'utf8')) : undefined,
});
