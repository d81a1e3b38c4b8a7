import type { LatencySummary } from '../lib/latency.ts';
import { type runFacts, today, writeResult } from '../lib/results.ts';
import type { Kind } from './measure.ts';
import type { Comparison, GoalCheck, TargetFigures } from './stats.ts';
import { targetLabels } from './targets.ts';
import { chunksPerAnswer } from './upstream.ts';
import type { WorkerFigures } from './worker-bundle.ts';

export interface RunSettings {
  quick: boolean;
  latencyRequests: number;
  latencyWarmup: number;
  throughputSeconds: number;
  connections: number;
  upstreamDelayMs: number;
  profile: boolean;
  /** The kinds of request measured (`--kinds`). */
  kinds: Kind[];
  /** The router entry the Switchyard targets ran, when `BENCH_ROUTER_ENTRY` named another. */
  routerEntry?: string;
}

export interface ProxyReport {
  facts: ReturnType<typeof runFacts> & { busyPercentBefore?: number };
  settings: RunSettings;
  targets: TargetFigures[];
  comparisons: Comparison[];
  goals: GoalCheck[];
  upstashGet?: LatencySummary;
  worker?: WorkerFigures;
  profile?: object;
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const signed = (value: number) =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(2)}` : '–';
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) =>
  [row(cells), row(cells.map((_, index) => (index === 0 ? '---' : '---:')))].join('\n');

function latencyTable(report: ProxyReport, comparisonOf: (id: string) => Comparison): string[] {
  return [
    header([
      'target',
      'JSON p50',
      'JSON p99',
      'added p50',
      'added p99',
      'stream p50',
      'stream p99',
      'stream added p50',
      'stream added p99',
      'first chunk p50',
      'first chunk added',
      'vs minimal',
    ]),
    ...report.targets.map((figures) => {
      const comparison = comparisonOf(figures.id);
      const { json, stream } = figures;
      return row([
        targetLabels[figures.id],
        fixed(json?.latency.p50, 2),
        fixed(json?.latency.p99, 2),
        signed(comparison.addedP50.json),
        signed(comparison.addedP99.json),
        fixed(stream?.latency.p50, 2),
        fixed(stream?.latency.p99, 2),
        signed(comparison.addedP50.stream),
        signed(comparison.addedP99.stream),
        fixed(stream?.firstChunk.p50, 2),
        signed(comparison.addedFirstChunk),
        signed(comparison.firstChunkVsMinimalMs),
      ]);
    }),
  ];
}

function throughputTable(report: ProxyReport, comparisonOf: (id: string) => Comparison): string[] {
  return [
    header([
      'target',
      'JSON',
      '× minimal',
      '× Portkey',
      'stream',
      '× minimal',
      '× Portkey',
      'failures',
      'RSS MB',
      'RSS × minimal',
    ]),
    ...report.targets.map((figures) => {
      const comparison = comparisonOf(figures.id);
      const { json, stream } = figures;
      const failures = (json?.throughput.failures ?? 0) + (stream?.throughput.failures ?? 0);
      return row([
        targetLabels[figures.id],
        fixed(json?.throughput.requestsPerSecond, 0),
        ratio(comparison.throughputVsMinimal.json),
        ratio(comparison.throughputVsPortkey.json),
        fixed(stream?.throughput.requestsPerSecond, 0),
        ratio(comparison.throughputVsMinimal.stream),
        ratio(comparison.throughputVsPortkey.stream),
        String(failures),
        fixed(figures.rssMB, 1),
        ratio(comparison.rssVsMinimal),
      ]);
    }),
  ];
}

function cpuTable(report: ProxyReport): string[] {
  const measured = report.targets.filter((figures) => figures.cpu !== undefined);
  if (measured.length === 0) return [];
  return [
    `## Proxy CPU during the throughput phases (µs, user + system from /proc)`,
    '',
    `Per chunk: (a) stream CPU per request ÷ the ${chunksPerAnswer} chunks of one answer; (b) marginal, (stream − JSON CPU per request) ÷ ${chunksPerAnswer}. Busy: share of its core the proxy used in each phase.`,
    '',
    header([
      'target',
      'per JSON request',
      'per stream request',
      'per chunk (a)',
      'marginal per chunk (b)',
      'busy JSON %',
      'busy stream %',
    ]),
    ...measured.map((figures) => {
      const cpu = figures.cpu as NonNullable<TargetFigures['cpu']>;
      return row([
        targetLabels[figures.id],
        fixed(cpu.jsonUsPerRequest, 1),
        fixed(cpu.streamUsPerRequest, 1),
        fixed(cpu.streamUsPerChunk, 1),
        fixed(cpu.marginalUsPerChunk, 1),
        fixed(cpu.busyPercent.json, 0),
        fixed(cpu.busyPercent.stream, 0),
      ]);
    }),
    '',
  ];
}

/** The Worker section: bundle size and startup, and how startup was measured. */
function workerLines(worker: WorkerFigures | undefined): string[] {
  if (worker === undefined) return [];
  const { startup } = worker;
  const how =
    startup.method === 'wrangler check startup'
      ? `non-idle time of \`wrangler check startup\`'s CPU profile (the Worker starting in local workerd), median of ${startup.runs}; the whole profile spans ${fixed(startup.profileMs, 1)} ms`
      : `\`import()\` of the bundle in a fresh node, minus an empty module's, median of ${startup.runs}`;
  return [
    '## Worker bundle and startup',
    '',
    `\`wrangler deploy --dry-run\`: ${fixed(worker.uploadKiB, 2)} KiB, gzip ${fixed(worker.gzipKiB, 2)} KiB. Startup (script parse and top-level work): ${fixed(startup.ms, 1)} ms — ${how}.`,
    '',
  ];
}

/** The run as markdown: latency, throughput and CPU tables, the Worker, goals. */
export function markdownReport(report: ProxyReport): string {
  const { facts, settings } = report;
  const comparisonOf = (id: string) =>
    report.comparisons.find((comparison) => comparison.id === id) as Comparison;
  const upstash = report.upstashGet;
  const kinds = settings.kinds.length === 2 ? '' : ` --kinds ${settings.kinds.join(',')}`;
  return [
    `# Proxy benchmark ${facts.date.slice(0, 10)}${settings.quick ? ' (quick)' : ''}`,
    '',
    `Node ${facts.node}, ${facts.cpu}. Reproduce: \`pnpm bench${settings.quick ? ' --quick' : ''}${kinds}\`.`,
    `Proxies pinned to core 0; mock upstream and load generator on core 1; upstream delay ${settings.upstreamDelayMs} ms.${facts.busyPercentBefore === undefined ? '' : ` CPUs ${facts.busyPercentBefore}% busy before the start.`}`,
    ...(settings.routerEntry ? [`Switchyard targets ran \`${settings.routerEntry}\`.`] : []),
    `Latency: ${settings.latencyRequests} requests at concurrency 1 after ${settings.latencyWarmup} warm-up (keep-alive fetch), in 5 rounds alternating with direct; "added" is over direct in the same rounds.`,
    `Throughput: autocannon, ${settings.connections} connections, ${settings.throughputSeconds} s per kind.${settings.profile ? ' Switchyard ran under --cpu-prof (its figures are lower).' : ''}`,
    '',
    '## Latency at concurrency 1 (ms)',
    '',
    ...latencyTable(report, comparisonOf),
    '',
    `## Throughput at concurrency ${settings.connections} (req/s) and memory`,
    '',
    ...throughputTable(report, comparisonOf),
    '',
    ...(upstash
      ? [
          `One Upstash GET of the cached entry (@upstash/redis, concurrency 1): p50 ${fixed(upstash.p50, 3)} ms, p99 ${fixed(upstash.p99, 3)} ms.`,
          '',
        ]
      : []),
    ...cpuTable(report),
    ...workerLines(report.worker),
    '## Goals',
    '',
    'Switchyard on Node with the cache off, against the minimal proxy and Portkey of this run; the cache hit against one GET of its entry; the governed target against plain Switchyard.',
    '',
    header(['goal', 'measured', 'status']),
    ...report.goals.map((goal) => row([goal.goal, goal.measured, goal.status])),
    '',
  ].join('\n');
}

/** Writes bench/results/proxy-<date>[-quick].md and .json; returns both paths. */
export function writeReport(report: ProxyReport): string[] {
  const base = `proxy-${today()}${report.settings.quick ? '-quick' : ''}`;
  return [
    writeResult(`${base}.md`, markdownReport(report)),
    writeResult(`${base}.json`, { benchmark: 'proxy', ...report }),
  ];
}
