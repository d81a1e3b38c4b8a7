import { createApp } from '../../apps/router/src/app.ts';
import { parseConfig } from '../../apps/router/src/config/index.ts';
import type { Store } from '../../apps/router/src/store/store.ts';
import { type LatencySummary, summarize } from '../lib/latency.ts';
import { countingStore, type StoreCalls } from './counting-store.ts';

const adminKey = 'sk-bench-admin';

/** The requests every run sends in turn: a plain answer, a stream, and a failover. */
const requests = [
  { model: 'mock/echo', stream: false },
  { model: 'mock/echo', stream: true },
  { model: 'chat', stream: false },
] as const;

function benchConfig(recording: boolean) {
  return parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } } },
    models: { chat: { targets: ['mock/down', 'mock/echo'] } },
    catalog: { 'mock/echo': { pricing: { input: 1, output: 2 } } },
    server: { requestLog: false },
    // No backoff sleep: the failover's time is the router's work, not a timer.
    routing: { circuitBreaker: { minRequests: 1_000_000 }, backoff: { baseMs: 0, maxMs: 0 } },
    store: { timeBudgetMs: 5_000 },
    observability: { enabled: recording, storeTimeBudgetMs: 5_000, maxRecords: 1_000_000 },
  });
}

export interface VariantCost {
  requests: number;
  /** Router CPU (user + system) per request, background work included, in microseconds. */
  cpuMicrosPerRequest: number;
  /** Until the response was read (what the client waits for). */
  response: LatencySummary;
  /** Store round trips per request: all of them, and those of the observability scripts. */
  storeCallsPerRequest: number;
  observabilityCallsPerRequest: number;
  byName: Record<string, number>;
  /** Redis CPU per request (from INFO cpu), when the store is Redis. */
  redisCpuMicrosPerRequest?: number;
}

export interface RecordingCost {
  store: string;
  rounds: number;
  off: VariantCost;
  on: VariantCost;
  /** on / off. */
  cpuRatio: number;
  responseP50Ratio: number;
}

/**
 * The cost of recording: the same request mix through two routers in this process, one with
 * observability on and one with it off, over the same store, in alternating rounds so both see
 * the same machine. Every background write is awaited inside the measured span.
 */
export async function measureRecordingCost(options: {
  store: Store;
  storeName: string;
  requests: number;
  rounds: number;
  redisCpu?: () => Promise<number>;
}): Promise<RecordingCost> {
  const variants = [false, true].map((recording) => {
    const counted = countingStore(options.store);
    const app = createApp({
      config: benchConfig(recording),
      store: counted.store,
      adminKey,
      hasExecutionContext: true,
    });
    return {
      recording,
      counted,
      app,
      samples: [] as number[],
      cpu: 0,
      redis: 0,
      sent: 0,
      calls: empty(),
    };
  });
  const perRound = Math.ceil(options.requests / options.rounds);
  for (const variant of variants) await send(variant.app, 0, []); // warm-up
  for (let round = 0; round < options.rounds; round += 1) {
    for (const variant of variants) {
      variant.counted.reset();
      const redisBefore = (await options.redisCpu?.()) ?? 0;
      const before = process.cpuUsage();
      for (let index = 0; index < perRound; index += 1)
        await send(variant.app, index, variant.samples);
      const used = process.cpuUsage(before);
      variant.cpu += used.user + used.system;
      variant.redis += ((await options.redisCpu?.()) ?? 0) - redisBefore;
      variant.sent += perRound;
      merge(variant.calls, variant.counted.calls());
    }
  }
  const [off, on] = variants.map((variant) => cost(variant, options.redisCpu !== undefined)) as [
    VariantCost,
    VariantCost,
  ];
  return {
    store: options.storeName,
    rounds: options.rounds,
    off,
    on,
    cpuRatio: round(on.cpuMicrosPerRequest / off.cpuMicrosPerRequest, 3),
    responseP50Ratio: round(on.response.p50 / off.response.p50, 3),
  };
}

/** Sends request `index` of the mix, reads the answer, and waits for its background work. */
async function send(app: ReturnType<typeof createApp>, index: number, samples: number[]) {
  const pending: Promise<unknown>[] = [];
  const context = {
    waitUntil: (work: Promise<unknown>) => void pending.push(work),
    passThroughOnException() {},
    props: {},
  };
  const request = requests[index % requests.length] ?? requests[0];
  const started = performance.now();
  const response = await app.request(
    '/v1/chat/completions',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...request,
        messages: [{ role: 'user', content: 'measure the cost of recording' }],
      }),
    },
    {},
    context,
  );
  await response.text();
  samples.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`The bench request answered ${response.status}`);
  while (pending.length > 0) await Promise.all(pending.splice(0));
}

function cost(
  variant: { samples: number[]; cpu: number; redis: number; sent: number; calls: StoreCalls },
  withRedis: boolean,
): VariantCost {
  const per = (value: number) => round(value / variant.sent, 3);
  const observability = Object.entries(variant.calls.byName)
    .filter(([name]) => name.startsWith('script:observability-'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests: variant.sent,
    cpuMicrosPerRequest: per(variant.cpu),
    response: summarize(variant.samples),
    storeCallsPerRequest: per(variant.calls.total),
    observabilityCallsPerRequest: per(observability),
    byName: Object.fromEntries(
      Object.entries(variant.calls.byName).map(([name, count]) => [name, per(count)]),
    ),
    ...(withRedis && { redisCpuMicrosPerRequest: per(variant.redis) }),
  };
}

const empty = (): StoreCalls => ({ total: 0, byName: {} });

function merge(into: StoreCalls, calls: StoreCalls) {
  into.total += calls.total;
  for (const [name, count] of Object.entries(calls.byName))
    into.byName[name] = (into.byName[name] ?? 0) + count;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
