import { createApp } from '../../apps/router/src/app.ts';
import { parseConfig } from '../../apps/router/src/config/index.ts';
import { queryStats, type StatsGroupBy } from '../../apps/router/src/observability/stats-query.ts';
import { planStats } from '../../apps/router/src/observability/stats-range.ts';
import { dayMs, hourMs } from '../../apps/router/src/observability/store-keys.ts';
import { guardStore } from '../../apps/router/src/store/guarded-store.ts';
import type { Store } from '../../apps/router/src/store/store.ts';
import { type LatencySummary, summarize } from '../lib/latency.ts';
import type { SyntheticSummary } from './synthetic-rollups.ts';

interface StatsCase {
  name: string;
  stepMs: number;
  groupBy?: StatsGroupBy;
  team?: string;
}

const cases: StatsCase[] = [
  { name: '30 days, daily, totals', stepMs: dayMs },
  { name: '30 days, daily, per model', stepMs: dayMs, groupBy: 'model' },
  { name: '30 days, daily, per key', stepMs: dayMs, groupBy: 'key' },
  { name: '30 days, daily, one team per model', stepMs: dayMs, groupBy: 'model', team: 'team-3' },
  { name: '30 days, 6-hourly, per model', stepMs: 6 * hourMs, groupBy: 'model' },
  { name: '30 days, hourly, per model', stepMs: hourMs, groupBy: 'model' },
];

export interface StatsTiming {
  store: string;
  query: string;
  buckets: number;
  /** Store round trips per query (counted). */
  roundTrips: number;
  /** Requests the answer counted (the unfiltered ones must count every synthetic request). */
  requestsCounted: number;
  groups: number;
  ms: LatencySummary;
}

/**
 * Times `queryStats` over the synthetic month, `runs` times per case after one warm-up, through a
 * guarded store as the route uses it; and the whole `GET /api/v1/stats` route once per case.
 */
export async function timeStatsQueries(options: {
  store: Store;
  storeName: string;
  synthetic: SyntheticSummary;
  runs: number;
}): Promise<StatsTiming[]> {
  let calls = 0;
  const counted: Store = {
    ...options.store,
    getFieldsMany(keys) {
      calls += 1;
      return options.store.getFieldsMany(keys);
    },
  };
  const guarded = guardStore(counted, { timeBudgetMs: 30_000 });
  const { from, to } = options.synthetic;
  const timings: StatsTiming[] = [];
  for (const statsCase of cases) {
    const planned = planStats(
      { from, to, stepMs: statsCase.stepMs },
      { now: to, hourRetentionMs: 31 * dayMs },
    );
    if (planned.status !== 'ok') throw new Error(`${statsCase.name}: ${planned.message}`);
    const run = () =>
      queryStats(guarded, {
        plan: planned.plan,
        groupBy: statsCase.groupBy,
        filter: { team: statsCase.team },
        maxGroups: 10,
      });
    await run();
    calls = 0;
    const samples: number[] = [];
    let requestsCounted = 0;
    let groups = 0;
    for (let index = 0; index < options.runs; index += 1) {
      const started = performance.now();
      const result = await run();
      samples.push(performance.now() - started);
      if (result.status !== 'ok') throw result.error;
      requestsCounted = result.value.totals.requests;
      groups = result.value.groups.length;
    }
    timings.push({
      store: options.storeName,
      query: statsCase.name,
      buckets: planned.plan.buckets.length,
      roundTrips: calls / options.runs,
      requestsCounted,
      groups,
      ms: summarize(samples),
    });
  }
  return timings;
}

/** `GET /api/v1/stats` through the whole app (auth, query parsing, JSON), per model, daily. */
export async function timeStatsRoute(
  store: Store,
  synthetic: SyntheticSummary,
  runs: number,
): Promise<LatencySummary> {
  const adminKey = 'sk-bench-admin';
  const app = createApp({
    config: parseConfig({
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      server: { requestLog: false },
      observability: { storeTimeBudgetMs: 30_000 },
    }),
    store,
    adminKey,
    now: () => synthetic.to,
  });
  const path = `/api/v1/stats?from=${synthetic.from}&to=${synthetic.to}&step=1d&group_by=model`;
  const samples: number[] = [];
  for (let index = 0; index <= runs; index += 1) {
    const started = performance.now();
    const response = await app.request(path, { headers: { authorization: `Bearer ${adminKey}` } });
    const body = (await response.json()) as { data?: { totals?: { requests?: number } } };
    if (response.status !== 200 || body.data?.totals?.requests !== synthetic.requests) {
      throw new Error(
        `GET /api/v1/stats answered ${response.status} counting ${body.data?.totals?.requests}`,
      );
    }
    if (index > 0) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
