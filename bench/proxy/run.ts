/**
 * Switchyard next to the floor of its stack and its peer, in one run on loopback, against one
 * mock upstream: direct, a minimal Hono + fetch proxy, Switchyard on Node (plain, with budget,
 * rate limit and guardrails, and cache hits through Upstash), Switchyard in workerd, Portkey
 * 1.15.2 on Node; then the Worker bundle's size and startup. Flags: ./README.md.
 *   pnpm bench [--quick] [--profile] [--only a,b] [--kinds json,stream] [--delay-ms N]
 *   pnpm bench --soak [--soak-minutes N]
 * The bench runs on core 1 (it re-executes itself under `taskset -c 1`), each proxy on core 0.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { machineBusyPercent } from '../lib/machine-load.ts';
import { routerEntry } from '../lib/pinned-router.ts';
import { runFacts } from '../lib/results.ts';
import { kinds as allKinds, type Kind } from './measure.ts';
import { measureTarget, type TargetRun, type TargetSettings } from './measure-target.ts';
import { type ProxyReport, writeReport } from './report.ts';
import { runSoak } from './soak.ts';
import { checkGoals, compare } from './stats.ts';
import { startTarget, startUpstreamProcess, type TargetId, targetIds } from './targets.ts';
import { measureWorker, type WorkerFigures } from './worker-bundle.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    kinds: { type: 'string', default: allKinds.join(',') },
    'delay-ms': { type: 'string', default: '0' },
    requests: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '32' },
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string', default: '10' },
  },
});

// The load generator and upstream get core 1; every proxy is spawned onto core 0.
if (process.env.BENCH_PINNED !== '1') {
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const child = spawnSync('taskset', ['-c', '1', ...argv], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  process.exit(child.status ?? 1);
}

/** The comma-separated `value`, each one of `known`; throws naming the unknown ones. */
function listOf<T extends string>(value: string, known: readonly T[], what: string): T[] {
  const listed = value.split(',').map((each) => each.trim());
  const unknown = listed.filter((each) => !(known as readonly string[]).includes(each));
  if (unknown.length)
    throw new Error(`unknown ${what} ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return known.filter((each) => listed.includes(each));
}

const workerStep = 'worker-bundle';
const steps = [...targetIds, workerStep] as const;
const only = listOf(values.only ?? steps.join(','), steps, 'target');
const ids = only.filter((id): id is TargetId => id !== workerStep);
const quick = values.quick;
const entry = routerEntry();
const settings: TargetSettings = {
  quick,
  latencyRequests: Number(values.requests ?? (quick ? 200 : 2_000)),
  latencyWarmup: quick ? 100 : 1_000,
  throughputSeconds: Number(values.seconds ?? (quick ? 2 : 10)),
  warmupSeconds: quick ? 1 : 3,
  connections: Number(values.connections),
  upstreamDelayMs: Number(values['delay-ms']),
  profile: values.profile,
  kinds: listOf<Kind>(values.kinds, allKinds, 'kind'),
  ...(process.env.BENCH_ROUTER_ENTRY && { routerEntry: entry }),
};

const busyPercent = await machineBusyPercent();
if (busyPercent > 10) {
  console.log(
    `[bench] warning: the CPUs were ${busyPercent}% busy before the start; figures will be noisy`,
  );
}
if (settings.routerEntry) console.log(`[bench] router entry ${entry} (BENCH_ROUTER_ENTRY)`);
const upstream = await startUpstreamProcess(settings.upstreamDelayMs);
console.log(
  `[bench] upstream at ${upstream.url} (delay ${settings.upstreamDelayMs} ms), Node ${process.version}`,
);
try {
  if (values.soak) {
    await runSoak(upstream.url, {
      minutes: Number(values['soak-minutes']),
      connections: settings.connections,
    });
  } else {
    const runs: TargetRun[] = [];
    const direct = await startTarget('direct', { upstreamUrl: upstream.url });
    for (const id of ids) runs.push(await measureTarget(id, direct, settings));
    const worker = only.includes(workerStep) ? measureWorkerStep(quick ? 3 : 5) : undefined;
    const targets = runs.map((run) => run.figures);
    const comparisons = compare(targets);
    const cache = runs.find((run) => run.upstashGet !== undefined);
    const report: ProxyReport = {
      facts: { ...runFacts(), busyPercentBefore: busyPercent },
      settings,
      targets,
      comparisons,
      goals: checkGoals(comparisons, {
        hitP50: cache?.figures.json?.latency.p50,
        upstashGetP50: cache?.upstashGet?.p50,
        bundleGzipKiB: worker?.gzipKiB,
      }),
      upstashGet: cache?.upstashGet,
      worker,
      profile: runs.find((run) => run.profile)?.profile,
    };
    const [markdown, json] = writeReport(report);
    console.log('');
    for (const goal of report.goals)
      console.log(`${goal.status.padEnd(4)} ${goal.goal}: ${goal.measured}`);
    console.log(`\nwrote ${markdown}\nwrote ${json}`);
  }
} finally {
  await upstream.close();
}

function measureWorkerStep(runs: number): WorkerFigures {
  console.log(`[bench] ${workerStep.padEnd(19)} wrangler deploy --dry-run, then startup ×${runs}`);
  const worker = measureWorker(runs);
  const { startup } = worker;
  console.log(
    `[bench] ${workerStep.padEnd(19)} ${worker.uploadKiB} KiB, gzip ${worker.gzipKiB} KiB; startup ${startup.ms} ms (${startup.method}, median of ${startup.runs})`,
  );
  return worker;
}
