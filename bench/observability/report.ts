import type { LatencySummary } from '../lib/latency.ts';
import type { RecordingCost, VariantCost } from './recording-cost.ts';
import type { StatsTiming } from './stats-query-time.ts';
import type { SyntheticSummary } from './synthetic-rollups.ts';

export interface ObservabilityResult {
  facts: Record<string, unknown>;
  costs: RecordingCost[];
  synthetic?: SyntheticSummary;
  timings: StatsTiming[];
  route?: LatencySummary;
}

/** The benchmark's figures as Markdown: the cost of recording, then the stats queries. */
export function renderReport(result: ObservabilityResult): string {
  const lines = [
    '# Observability benchmark',
    '',
    `${result.facts.date} · Node ${result.facts.node} · ${result.facts.cpu} · redis-server ${result.facts.redis}`,
  ];
  if (result.costs.length > 0) lines.push('', ...costSection(result.costs));
  if (result.synthetic !== undefined)
    lines.push('', ...statsSection(result.synthetic, result.timings, result.route));
  return `${lines.join('\n')}\n`;
}

function costSection(costs: RecordingCost[]): string[] {
  const lines = [
    '## Cost of recording',
    '',
    'The same mix (a plain answer, a stream, a failover past a 503 target) through two routers in one process,',
    'recording off and on, over the same store, in alternating rounds; background work awaited inside each request.',
    '',
    '| store | recording | requests | router CPU µs/request | response p50 ms | response p99 ms | store round trips/request | observability round trips/request | Redis CPU µs/request |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const cost of costs) {
    lines.push(row(cost.store, 'off', cost.off), row(cost.store, 'on', cost.on));
    lines.push(
      `| ${cost.store} | **on / off** | | **${cost.cpuRatio}×** | **${cost.responseP50Ratio}×** | | | | ${redisRatio(cost)} |`,
    );
  }
  const calls = costs.map(
    (cost) =>
      `${cost.store}: ${Object.entries(cost.on.byName)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}`,
  );
  lines.push(
    '',
    'Store calls per request with recording on, by operation:',
    '',
    ...calls.map((line) => `- ${line}`),
  );
  return lines;
}

function row(store: string, variant: string, cost: VariantCost): string {
  const redis =
    cost.redisCpuMicrosPerRequest === undefined ? '' : String(cost.redisCpuMicrosPerRequest);
  return `| ${store} | ${variant} | ${cost.requests} | ${cost.cpuMicrosPerRequest} | ${cost.response.p50} | ${cost.response.p99} | ${cost.storeCallsPerRequest} | ${cost.observabilityCallsPerRequest} | ${redis} |`;
}

function redisRatio(cost: RecordingCost): string {
  const on = cost.on.redisCpuMicrosPerRequest;
  const off = cost.off.redisCpuMicrosPerRequest;
  return on === undefined || off === undefined || off === 0
    ? ''
    : `**${Math.round((on / off) * 100) / 100}×**`;
}

function statsSection(
  synthetic: SyntheticSummary,
  timings: StatsTiming[],
  route: LatencySummary | undefined,
): string[] {
  const lines = [
    `## 30-day stats over ${synthetic.requests.toLocaleString('en')} synthetic requests`,
    '',
    `Rollups written directly (the router's own increments): ${synthetic.hourHashes} hour hashes holding ${synthetic.hourFields.toLocaleString('en')} groups, ${synthetic.dayHashes} day hashes holding ${synthetic.dayFields.toLocaleString('en')}; 200 keys (Zipf), 12 models, 4 providers, 10 teams; made in ${synthetic.generateSeconds} s.`,
    '',
    '| store | query | buckets read | store round trips | requests counted | p50 ms | max ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const timing of timings) {
    lines.push(
      `| ${timing.store} | ${timing.query} | ${timing.buckets} | ${timing.roundTrips} | ${timing.requestsCounted.toLocaleString('en')} | ${timing.ms.p50} | ${timing.ms.max} |`,
    );
  }
  if (route !== undefined) {
    lines.push(
      '',
      `The whole route (\`GET /api/v1/stats?step=1d&group_by=model\`, auth and JSON included) over Redis: p50 ${route.p50} ms, max ${route.max} ms.`,
    );
  }
  return lines;
}
