import { parseArgs } from 'node:util';
import { startRedisServer, startUpstashBridge } from '@switchyard/testkit';
import { createMemoryStore, createUpstashStore } from '../../apps/router/src/store/index.ts';
import { createRedisStore } from '../../apps/router/src/store/redis-store.ts';
import type { Store } from '../../apps/router/src/store/store.ts';
import { connectRedis } from '../governance/redis-client.ts';
import { runFacts, today, writeResult } from '../lib/results.ts';
import { measureRecordingCost, type RecordingCost } from './recording-cost.ts';
import { renderReport } from './report.ts';
import { type StatsTiming, timeStatsQueries, timeStatsRoute } from './stats-query-time.ts';
import { type SyntheticSummary, writeSyntheticRollups } from './synthetic-rollups.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'cost,stats' },
    requests: { type: 'string', default: '6000' },
    rounds: { type: 'string', default: '6' },
    records: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
  },
});
const only = new Set(values.only.split(','));

// The whole run gives up after ten minutes rather than hang a terminal.
setTimeout(() => {
  console.error('The observability benchmark ran for 10 minutes: giving up.');
  process.exit(1);
}, 600_000).unref();

const redis = await startRedisServer();
const bridge = await startUpstashBridge({ redisUrl: redis.url });
const client = await connectRedis(redis.url);
const plain = createRedisStore({ url: redis.url, commandTimeoutMs: 30_000 });
const stores: [string, () => Store][] = [
  ['in-process', () => createMemoryStore({ maxEntries: 100_000 })],
  ['Redis (REDIS_URL)', () => plain],
  [
    'Upstash REST (bridge to the same Redis)',
    () => createUpstashStore({ url: bridge.url, token: bridge.token }),
  ],
];

/** Redis' own CPU so far, in microseconds (INFO cpu). */
async function redisCpu(): Promise<number> {
  const info = String(await client.command('INFO', 'cpu'));
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1_000_000;
}

try {
  const costs: RecordingCost[] = [];
  if (only.has('cost')) {
    for (const [name, make] of stores.slice(0, 2)) {
      await client.command('FLUSHALL');
      costs.push(
        await measureRecordingCost({
          store: make(),
          storeName: name,
          requests: Number(values.requests),
          rounds: Number(values.rounds),
          ...(name.startsWith('Redis') && { redisCpu }),
        }),
      );
    }
  }
  const timings: StatsTiming[] = [];
  let synthetic: SyntheticSummary | undefined;
  let route: Awaited<ReturnType<typeof timeStatsRoute>> | undefined;
  if (only.has('stats')) {
    const traffic = {
      requests: Number(values.records),
      days: 30,
      models: 12,
      keys: 200,
      teams: 10,
      seed: 42,
    };
    const now = Date.now();
    await client.command('FLUSHALL');
    synthetic = await writeSyntheticRollups(
      traffic,
      async (key, fields) => {
        await client.command('HSET', key, ...Object.entries(fields).flat());
      },
      now,
    );
    const memory = createMemoryStore({ maxEntries: 100_000 });
    await writeSyntheticRollups(traffic, (key, fields) => writeFields(memory, key, fields), now);
    const runs = Number(values.runs);
    timings.push(
      ...(await timeStatsQueries({ store: memory, storeName: 'in-process', synthetic, runs })),
    );
    for (const [name, make] of stores.slice(1)) {
      timings.push(
        ...(await timeStatsQueries({ store: make(), storeName: name, synthetic, runs })),
      );
    }
    route = await timeStatsRoute(plain, synthetic, runs);
  }
  const facts = {
    ...runFacts(),
    redis: String(await client.command('INFO', 'server')).match(/redis_version:(\S+)/)?.[1],
  };
  const result = { facts, costs, synthetic, timings, route };
  const report = renderReport(result);
  const suffix = values.only === 'cost,stats' ? '' : `-${values.only.replace(/,/g, '-')}`;
  console.log(report);
  console.log(`\n${writeResult(`observability-${today()}${suffix}.md`, report)}`);
  console.log(writeResult(`observability-${today()}${suffix}.json`, result));
} finally {
  client.close();
  await plain.close();
  await bridge.close();
  await redis.stop();
}

/** Writes a hash into the in-process store through a script, as the router's twins do. */
async function writeFields(store: Store, key: string, fields: Record<string, string>) {
  await store.runScript(
    {
      name: 'bench-hset',
      lua: "for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end return 0",
      memory: (redis, [target], args) => {
        const pairs: Record<string, string> = {};
        for (let index = 0; index < args.length; index += 2)
          pairs[args[index] as string] = args[index + 1] as string;
        redis.hset(target as string, pairs);
        return 0;
      },
      parse: () => null,
    },
    [key],
    Object.entries(fields).flat(),
  );
}
