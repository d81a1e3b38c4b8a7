import type { LatencySummary } from '../lib/latency.ts';
import { type runFacts, today, writeResult } from '../lib/results.ts';
import type { Comparison, GoalCheck, TargetFigures } from './stats.ts';
import { targetLabels } from './targets.ts';

export interface RunSettings {
  quick: boolean;
  latencyRequests: number;
  latencyWarmup: number;
  throughputSeconds: number;
  connections: number;
  upstreamDelayMs: number;
  profile: boolean;
}

export interface ProxyReport {
  facts: ReturnType<typeof runFacts> & { busyPercentBefore?: number };
  settings: RunSettings;
  targets: TargetFigures[];
  comparisons: Comparison[];
  goals: GoalCheck[];
  upstashGet?: LatencySummary;
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

/** The run as markdown: latency table, throughput table, goals. */
export function markdownReport(report: ProxyReport): string {
  const { facts, settings } = report;
  const comparisonOf = (figures: TargetFigures) =>
    report.comparisons.find((comparison) => comparison.id === figures.id) as Comparison;
  const latencyRows = report.targets.map((figures) => {
    const comparison = comparisonOf(figures);
    const { json, stream } = figures;
    return row([
      targetLabels[figures.id],
      fixed(json.latency.p50, 2),
      fixed(json.latency.p99, 2),
      signed(comparison.addedP50.json),
      signed(comparison.addedP99.json),
      fixed(stream.latency.p50, 2),
      fixed(stream.latency.p99, 2),
      signed(comparison.addedP50.stream),
      fixed(stream.firstChunk.p50, 2),
      signed(comparison.addedFirstChunk),
      signed(comparison.firstChunkVsMinimalMs),
    ]);
  });
  const throughputRows = report.targets.map((figures) => {
    const comparison = comparisonOf(figures);
    const { json, stream } = figures;
    return row([
      targetLabels[figures.id],
      String(json.throughput.requestsPerSecond),
      ratio(comparison.throughputVsMinimal.json),
      ratio(comparison.throughputVsPortkey.json),
      String(stream.throughput.requestsPerSecond),
      ratio(comparison.throughputVsMinimal.stream),
      ratio(comparison.throughputVsPortkey.stream),
      String(json.throughput.failures + stream.throughput.failures),
      fixed(figures.rssMB, 1),
    ]);
  });
  const upstash = report.upstashGet;
  return [
    `# Proxy benchmark ${facts.date.slice(0, 10)}${settings.quick ? ' (quick)' : ''}`,
    '',
    `Node ${facts.node}, ${facts.cpu}. Reproduce: \`pnpm bench${settings.quick ? ' --quick' : ''}\`.`,
    `Proxies pinned to core 0; mock upstream and load generator on core 1; upstream delay ${settings.upstreamDelayMs} ms.${facts.busyPercentBefore === undefined ? '' : ` CPUs ${facts.busyPercentBefore}% busy before the start.`}`,
    `Latency: ${settings.latencyRequests} requests at concurrency 1 after ${settings.latencyWarmup} warm-up (keep-alive fetch), in 5 rounds alternating with direct; "added" is over direct in the same rounds.`,
    `Throughput: autocannon, ${settings.connections} connections, ${settings.throughputSeconds} s per kind.${settings.profile ? ' Switchyard ran under --cpu-prof (its figures are lower).' : ''}`,
    '',
    '## Latency at concurrency 1 (ms)',
    '',
    header([
      'target',
      'JSON p50',
      'JSON p99',
      'added p50',
      'added p99',
      'stream p50',
      'stream p99',
      'stream added p50',
      'first chunk p50',
      'first chunk added',
      'vs minimal',
    ]),
    ...latencyRows,
    '',
    `## Throughput at concurrency ${settings.connections} (req/s) and memory`,
    '',
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
    ]),
    ...throughputRows,
    '',
    ...(upstash
      ? [
          `One Upstash GET of the cached entry (@upstash/redis, concurrency 1): p50 ${fixed(upstash.p50, 3)} ms, p99 ${fixed(upstash.p99, 3)} ms.`,
          '',
        ]
      : []),
    '## Goals (Switchyard on Node)',
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
