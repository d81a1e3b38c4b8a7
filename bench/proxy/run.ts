/**
 * Switchyard next to the floor of its stack and its peer, in one run on loopback, against one
 * mock upstream: direct, a minimal Hono + fetch proxy, Switchyard on Node (cache off, and cache
 * hits through Upstash), Switchyard in workerd, Portkey 1.15.2 on Node. Flags: ./README.md.
 *   pnpm bench [--quick] [--profile] [--only a,b] [--delay-ms N]
 *   pnpm bench --soak [--soak-minutes N]
 * The bench runs on core 1 (it re-executes itself under `taskset -c 1`), each proxy on core 0.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { machineBusyPercent } from '../lib/machine-load.ts';
import { runFacts } from '../lib/results.ts';
import { measureTarget, type TargetRun } from './measure-target.ts';
import { type ProxyReport, type RunSettings, writeReport } from './report.ts';
import { runSoak } from './soak.ts';
import { checkGoals, compare } from './stats.ts';
import { startTarget, startUpstreamProcess, type TargetId, targetIds } from './targets.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
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

const quick = values.quick;
const settings: RunSettings & { warmupSeconds: number } = {
  quick,
  latencyRequests: Number(values.requests ?? (quick ? 200 : 2_000)),
  latencyWarmup: quick ? 100 : 1_000,
  throughputSeconds: Number(values.seconds ?? (quick ? 2 : 10)),
  warmupSeconds: quick ? 1 : 3,
  connections: Number(values.connections),
  upstreamDelayMs: Number(values['delay-ms']),
  profile: values.profile,
};
const only = values.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !(targetIds as readonly string[]).includes(id));
if (unknown?.length)
  throw new Error(`unknown target ${unknown.join(', ')}; known: ${targetIds.join(', ')}`);
const ids: TargetId[] = targetIds.filter((id) => only === undefined || only.includes(id));

const busyPercent = await machineBusyPercent();
if (busyPercent > 10) {
  console.log(
    `[bench] warning: the CPUs were ${busyPercent}% busy before the start; figures will be noisy`,
  );
}
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
    const targets = runs.map((run) => run.figures);
    const comparisons = compare(targets);
    const cache = runs.find((run) => run.upstashGet !== undefined);
    const report: ProxyReport = {
      facts: { ...runFacts(), busyPercentBefore: busyPercent },
      settings,
      targets,
      comparisons,
      goals: checkGoals(comparisons, {
        hitP50: cache?.figures.json.latency.p50,
        upstashGetP50: cache?.upstashGet?.p50,
      }),
      upstashGet: cache?.upstashGet,
      profile: runs.find((run) => run.profile)?.profile?.figures,
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
