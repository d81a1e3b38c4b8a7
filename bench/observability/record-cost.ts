import { parseArgs } from 'node:util';
import { parseConfig } from '../../apps/router/src/config/index.ts';
import type { RouteFacts } from '../../apps/router/src/facts/route-facts.ts';
import { buildRequestRecord } from '../../apps/router/src/observability/build-request-record.ts';
import { createObservability } from '../../apps/router/src/observability/create-observability.ts';
import { createMetricLabeller } from '../../apps/router/src/observability/metric-labels.ts';
import { recordScript } from '../../apps/router/src/observability/record-script.ts';
import { newRequestId } from '../../apps/router/src/observability/request-ids.ts';
import type { RequestObservation } from '../../apps/router/src/observability/request-observation.ts';
import type { RequestRecord } from '../../apps/router/src/observability/request-record.ts';
import { recordArguments } from '../../apps/router/src/observability/write-record.ts';
import { createMemoryStore } from '../../apps/router/src/store/index.ts';
import { createMemoryEntries } from '../../apps/router/src/store/memory-entries.ts';
import { createMemoryScriptRedis } from '../../apps/router/src/store/memory-script-redis.ts';

/**
 * The CPU of recording one request on the in-process store, stage by stage: the record, its
 * series, the record script's arguments, the script's JavaScript twin, and the whole `observe`
 * (its background work awaited). Run: `node bench/observability/record-cost.ts [--requests N]`
 * (see the README).
 * Each round builds fresh observations (new ids); the first round warms up and is not counted.
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);

// The proxy bench's router: alias `chat` over two OpenAI targets, called with the admin key.
const config = parseConfig({
  providers: {
    primary: { type: 'openai', api: 'chat', baseURL: 'http://127.0.0.1:1/v1', apiKey: 'sk-up' },
    fallback: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:1/v1', apiKey: 'sk-up' },
  },
  models: { chat: { targets: ['primary/gpt-4o-mini', 'fallback/gpt-4o-mini'] } },
  server: { requestLog: false },
  // Retention stays out of the figures: it runs once per thousands of writes.
  observability: { enabled: true, storeTimeBudgetMs: 5_000, maxRecords: 10_000_000 },
});
const labeller = createMetricLabeller(config);
const retentionMs = config.observability.retentionDays * 86_400_000;
const maxRecords = 10_000_000;
// Requests arrive one a millisecond from now; every store runs on the real clock, as in the router.
const start = Date.now();

function facts(startedAt: number): RouteFacts {
  const usage = {
    inputTokens: { total: 23, noCache: 23, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 41, text: 41, reasoning: 0 },
  };
  const cost = {
    total: 0.000028,
    input: 0.000003,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0.000025,
    currency: 'USD' as const,
  };
  return {
    requested: 'chat',
    alias: 'chat',
    reason: 'ordered',
    targets: ['primary/gpt-4o-mini', 'fallback/gpt-4o-mini'],
    attempts: [
      { target: 'primary/gpt-4o-mini', outcome: 'ok', durationMs: 3.2, startMs: startedAt + 1 },
    ],
    segments: [{ target: 'primary/gpt-4o-mini', outcome: 'ok', usage, cost, endMs: startedAt + 5 }],
    served: { providerId: 'primary', modelId: 'gpt-4o-mini' },
    usage,
    cost,
    cache: { status: 'BYPASS' },
    finishReason: 'stop',
  };
}

/**
 * Request `index` of a round, one a millisecond, as a JSON answer or a stream: made as the
 * request log makes it (`firstTokenMs` set on streams only).
 */
function observation(index: number, stream: boolean): RequestObservation {
  const startedAt = start + index;
  const seen: RequestObservation = {
    requestId: newRequestId(startedAt),
    startedAt,
    method: 'POST',
    path: '/v1/chat/completions',
    httpStatus: 200,
    principal: { kind: 'root' },
    facts: facts(startedAt),
    stream,
    cancelled: false,
    durationMs: stream ? 6.3 : 4.1,
  };
  if (stream) seen.firstTokenMs = 2.2;
  return seen;
}

const stages = ['record', 'series', 'arguments', 'script', 'total'] as const;
type Stage = (typeof stages)[number];

/** Process CPU (`process.cpuUsage`) per request of `work`, in microseconds. */
function cpu(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

/**
 * Each stage alone over the round's requests, its input made beforehand (untimed) and its output
 * dropped, so what it allocates dies young as in the router and its collection counts in it.
 */
function stagesCpu(observations: RequestObservation[]): Omit<Record<Stage, number>, 'total'> {
  const record = cpu(() => {
    for (const seen of observations) buildRequestRecord(seen);
  });
  const records = observations.map((seen) => buildRequestRecord(seen) as RequestRecord);
  const series = cpu(() => {
    for (const built of records) labeller.series(built) + labeller.keySeries(built);
  });
  const writes = records.map((built) => {
    const options = {
      now: Date.now(),
      retentionMs,
      maxRecords,
      series: labeller.series(built),
      keySeries: labeller.keySeries(built),
    };
    return { record: built, options };
  });
  const argumentsCpu = cpu(() => {
    for (const { record: built, options } of writes) recordArguments(built, options);
  });
  const scripts = writes.map(({ record: built, options }) => recordArguments(built, options));
  // The clock read once a script, as the in-process store's `runScript` reads it.
  let time = Date.now();
  const redis = createMemoryScriptRedis(
    createMemoryEntries(() => time, 10_000),
    () => time,
  );
  const script = cpu(() => {
    for (const { keys, args } of scripts) {
      time = Date.now();
      recordScript.parse(recordScript.memory(redis, keys, args));
    }
  });
  return { record, series, arguments: argumentsCpu, script };
}

/** The same observations through `observe` on a fresh store, each one's background awaited. */
async function observeCpu(observations: RequestObservation[]): Promise<number> {
  const store = createMemoryStore();
  const observability = createObservability({ config, store, now: Date.now });
  const before = process.cpuUsage();
  for (const seen of observations) {
    const pending: Promise<unknown>[] = [];
    observability.observe(seen, (work) => pending.push(work));
    await Promise.all(pending);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / observations.length;
}

/** One round of fresh observations (new ids), stage by stage and through `observe`. */
async function round(stream: boolean): Promise<Record<Stage, number>> {
  const observations = Array.from({ length: requests }, (_, index) => observation(index, stream));
  return { ...stagesCpu(observations), total: await observeCpu(observations) };
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const figures: Record<string, Record<Stage, number>> = {};
for (const kind of ['json', 'stream'] as const) {
  const samples = Object.fromEntries(stages.map((stage) => [stage, [] as number[]]));
  await round(kind === 'stream'); // warm-up
  for (let index = 0; index < rounds; index += 1) {
    const measured = await round(kind === 'stream');
    for (const stage of stages) samples[stage]?.push(measured[stage]);
  }
  figures[kind] = Object.fromEntries(
    stages.map((stage) => [stage, median(samples[stage] ?? [])]),
  ) as Record<Stage, number>;
}

console.log(
  `CPU µs per request (median of ${rounds} rounds of ${requests}, Node ${process.version})`,
);
console.log('| stage | json | stream |');
console.log('| --- | ---: | ---: |');
for (const stage of stages) {
  const cell = (kind: string) => figures[kind]?.[stage].toFixed(2);
  console.log(`| ${stage} | ${cell('json')} | ${cell('stream')} |`);
}
