import { fileURLToPath } from 'node:url';
import { type RedisServer, startRedisServer } from '@switchyard/testkit/redis';
import { type AlertReceiver, startAlertReceiver } from './alert-receiver.ts';
import {
  estimateBenchRequest,
  nanosPerToken,
  parseBenchConfig,
  type RequestEstimate,
  routerConfig,
} from './bench-request.ts';
import { type BenchProcess, startNodeProcess } from './processes.ts';
import { connectRedis, type RedisClient } from './redis-client.ts';
import type { UpstreamBehaviour } from './upstream.ts';

export const adminKey = 'sk-bench-governance-admin';
const alertSecret = 'whsec-bench-governance';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const nodeEntry = here('../../apps/router/src/node.ts');

/** Everything the scenarios run against, started once. */
export interface Fleet {
  redisUrl: string;
  redis: RedisClient;
  upstreamUrl: string;
  /** The three router processes sharing Redis; requests go round-robin across them. */
  routers: BenchProcess[];
  /** Three naive check-then-add proxies on the same Redis and upstream. */
  naive: BenchProcess[];
  alerts: AlertReceiver;
  estimate: RequestEstimate;
  /** Starts one more router with its own `governance.reservationTtlMs`. */
  startRouter(name: string, reservationTtlMs?: number): Promise<BenchProcess>;
  setUpstream(behaviour: Partial<UpstreamBehaviour>): Promise<void>;
  upstreamStats(): Promise<{ received: number; inFlight: number; closedEarly: number }>;
  resetUpstream(): Promise<void>;
  close(): Promise<void>;
}

export async function startFleet(): Promise<Fleet> {
  const redisServer: RedisServer = await startRedisServer();
  const started: BenchProcess[] = [];
  try {
    const upstream = await startNodeProcess({ name: 'upstream', args: [here('./upstream.ts')] });
    started.push(upstream);
    const alerts = await startAlertReceiver(alertSecret);
    const env = (reservationTtlMs?: number) => ({
      REDIS_URL: redisServer.url,
      SWITCHYARD_ADMIN_KEY: adminKey,
      BENCH_ALERT_SECRET: alertSecret,
      SWITCHYARD_CONFIG: JSON.stringify(
        routerConfig(upstream.url, { alertUrl: alerts.url, reservationTtlMs }),
      ),
    });
    const startRouter = async (name: string, reservationTtlMs?: number) => {
      const router = await startNodeProcess({
        name,
        args: [nodeEntry, '--port', '0'],
        env: env(reservationTtlMs),
      });
      started.push(router);
      return router;
    };
    const routers = await Promise.all(
      ['router-1', 'router-2', 'router-3'].map((name) => startRouter(name)),
    );
    const naive = await Promise.all(
      ['naive-1', 'naive-2', 'naive-3'].map((name) =>
        startNodeProcess({
          name,
          args: [here('./naive-proxy.ts')],
          env: {
            NAIVE_REDIS_URL: redisServer.url,
            NAIVE_UPSTREAM_URL: upstream.url,
            NAIVE_INPUT_NANOS: String(nanosPerToken.input),
            NAIVE_OUTPUT_NANOS: String(nanosPerToken.output),
          },
        }),
      ),
    );
    started.push(...naive);
    const redis = await connectRedis(redisServer.url);
    const control = (path: string, init?: RequestInit) =>
      fetch(`${upstream.url}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
    return {
      redisUrl: redisServer.url,
      redis,
      upstreamUrl: upstream.url,
      routers,
      naive,
      alerts,
      estimate: estimateBenchRequest(
        parseBenchConfig(routerConfig(upstream.url, { alertUrl: alerts.url })),
      ),
      startRouter,
      async setUpstream(behaviour) {
        await (
          await control('/__bench/behaviour', { method: 'PUT', body: JSON.stringify(behaviour) })
        ).text();
      },
      async upstreamStats() {
        return (await control('/__bench/stats')).json() as Promise<{
          received: number;
          inFlight: number;
          closedEarly: number;
        }>;
      },
      async resetUpstream() {
        await (await control('/__bench/reset', { method: 'POST' })).text();
      },
      async close() {
        redis.close();
        await Promise.all(started.map((process) => process.close()));
        await alerts.close();
        await redisServer.stop();
      },
    };
  } catch (error) {
    await Promise.all(started.map((process) => process.kill()));
    await redisServer.stop();
    throw error;
  }
}
