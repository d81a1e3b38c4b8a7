import { setTimeout as sleep } from 'node:timers/promises';
import { type LatencySummary, summarize } from '../lib/latency.ts';
import { complete, createKey, roundRobin } from './client.ts';
import { adminKey, type Fleet } from './fleet.ts';

export interface LoadFigures {
  latency: LatencySummary;
  requestsPerSecond: number;
  /** Answers other than 200, by status. */
  failures: Record<number, number>;
}

export interface StoreTraffic {
  requests: number;
  /** Commands the router sent Redis per request (each a round trip unless pipelined). */
  commandsPerRequest: number;
  /** Commands run inside scripts per request (no round trip of their own). */
  scriptCommandsPerRequest: number;
  /** Sent commands by name, per request. */
  byCommand: Record<string, number>;
}

export interface VariantFigures {
  sequential: LoadFigures;
  concurrent: LoadFigures;
  store: StoreTraffic;
}

export interface EnforcementCostResult {
  sequentialRequests: number;
  concurrentRequests: number;
  concurrency: number;
  /** The root admin key: no scope to admit against, no reservation. */
  unmetered: VariantFigures;
  /** A stored key with a budget, rpm and tpm: admission and settlement scripts every request. */
  metered: VariantFigures;
}

type Send = () => Promise<number>;

async function runLoad(send: Send, requests: number, concurrency: number) {
  const samples: number[] = [];
  const failures: Record<number, number> = {};
  let started = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < requests) {
        started += 1;
        const at = performance.now();
        const status = await send();
        if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
        samples.push(performance.now() - at);
      }
    }),
  );
  return { samples, failures, seconds: (performance.now() - began) / 1_000 };
}

/** Latency at concurrency 1 and `concurrency`, in alternating rounds so both see the same machine. */
async function measure(
  variants: [Send, Send],
  requests: number,
  concurrency: number,
  rounds: number,
): Promise<[LoadFigures, LoadFigures]> {
  const totals = variants.map(() => ({
    samples: [] as number[],
    failures: {} as Record<number, number>,
    seconds: 0,
  }));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, send] of variants.entries()) {
      const run = await runLoad(send, Math.ceil(requests / rounds), concurrency);
      const total = totals[index];
      if (!total) continue;
      total.samples.push(...run.samples);
      for (const [status, count] of Object.entries(run.failures)) {
        total.failures[Number(status)] = (total.failures[Number(status)] ?? 0) + count;
      }
      total.seconds += run.seconds;
    }
  }
  const figures = totals.map((total) => ({
    latency: summarize(total.samples),
    requestsPerSecond: Math.round(total.samples.length / total.seconds),
    failures: total.failures,
  }));
  return figures as [LoadFigures, LoadFigures];
}

/** What the routers send Redis for `requests` sequential requests, from MONITOR. */
async function storeTraffic(fleet: Fleet, send: Send, requests: number): Promise<StoreTraffic> {
  await sleep(300);
  const stop = await fleet.redis.monitor();
  for (let index = 0; index < requests; index += 1) await send();
  // Settlement runs after the answer, in the background.
  await sleep(300);
  const lines = await stop();
  const byCommand: Record<string, number> = {};
  let sent = 0;
  let scripted = 0;
  for (const line of lines) {
    const match = /^[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
    if (!match) continue;
    const [, source, command] = match as unknown as [string, string, string];
    if (command === 'PING' || command === 'MONITOR') continue;
    if (source === 'lua') {
      scripted += 1;
      continue;
    }
    sent += 1;
    const name = command.toUpperCase();
    byCommand[name] = (byCommand[name] ?? 0) + 1;
  }
  const per = (count: number) => Math.round((count / requests) * 100) / 100;
  return {
    requests,
    commandsPerRequest: per(sent),
    scriptCommandsPerRequest: per(scripted),
    byCommand: Object.fromEntries(
      Object.entries(byCommand).map(([command, count]) => [command, per(count)]),
    ),
  };
}

/**
 * The same request with the root admin key (nothing to enforce) and with a stored key that has a
 * budget, rpm and tpm (admission and settlement scripts), on the same three routers.
 */
export async function runEnforcementCost(
  fleet: Fleet,
  options: { sequential: number; concurrent: number; concurrency: number },
): Promise<EnforcementCostResult> {
  const { estimate } = fleet;
  await fleet.setUpstream({
    promptTokens: estimate.inputTokens,
    completionTokens: estimate.outputTokens,
    latencyMs: 0,
  });
  const urls = fleet.routers.map((router) => router.url);
  const key = await createKey(urls[0] ?? '', {
    name: 'enforcement cost',
    limit: 1_000,
    rpm: 1_000_000,
    tpm: 1_000_000_000,
  });
  const viaAdmin = roundRobin(urls);
  const viaKey = roundRobin(urls);
  const unmetered: Send = async () => (await complete(viaAdmin(), adminKey)).status;
  const metered: Send = async () => (await complete(viaKey(), key.key)).status;

  await measure([unmetered, metered], 300, 4, 1);
  const [sequentialAdmin, sequentialKey] = await measure(
    [unmetered, metered],
    options.sequential,
    1,
    5,
  );
  const [concurrentAdmin, concurrentKey] = await measure(
    [unmetered, metered],
    options.concurrent,
    options.concurrency,
    2,
  );
  return {
    sequentialRequests: options.sequential,
    concurrentRequests: options.concurrent,
    concurrency: options.concurrency,
    unmetered: {
      sequential: sequentialAdmin,
      concurrent: concurrentAdmin,
      store: await storeTraffic(fleet, unmetered, 100),
    },
    metered: {
      sequential: sequentialKey,
      concurrent: concurrentKey,
      store: await storeTraffic(fleet, metered, 100),
    },
  };
}
