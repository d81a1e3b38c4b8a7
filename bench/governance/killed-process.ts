import { setTimeout as sleep } from 'node:timers/promises';
import { complete, createKey, spendNanos, waitUntilSettled } from './client.ts';
import type { Fleet } from './fleet.ts';
import { hashOf } from './redis-client.ts';

export interface KilledProcessResult {
  reservationTtlMs: number;
  estimateNanos: number;
  /** Spend while the request was in flight on the process about to be killed. */
  spendInFlight: number;
  /** A second request of the key (max_parallel 1) on another process, before the kill. */
  whileInFlight: number;
  /** The same after the kill, before the reservation's deadline. */
  afterKillBeforeDeadline: number;
  /** The same once the deadline passed. */
  afterDeadline: number;
  msFromKillToDeadline: number;
  /** Spend once everything settled, minus the one request that completed after the deadline. */
  chargedForKilled: number;
  flags: Record<string, string>;
  upstreamSawDisconnect: boolean;
}

/**
 * A request in flight on a fourth router (with a short `reservationTtlMs`) when that process is
 * killed with SIGKILL: its reservation must stay charged at the estimate, and the key's in-flight
 * slot (max_parallel 1) must come free at the deadline, flagged as unsettled.
 */
export async function runKilledProcess(
  fleet: Fleet,
  options: { reservationTtlMs: number },
): Promise<KilledProcessResult> {
  const { estimate } = fleet;
  const exact = { promptTokens: estimate.inputTokens, completionTokens: estimate.outputTokens };
  const doomed = await fleet.startRouter('router-4', options.reservationTtlMs);
  const survivor = fleet.routers[0]?.url ?? '';
  const key = await createKey(survivor, {
    name: 'killed process',
    max_parallel: 1,
    limit: (estimate.nanos * 10) / 1e9,
  });

  await fleet.setUpstream({ ...exact, latencyMs: 60_000 });
  await fleet.resetUpstream();
  const inFlight = complete(doomed.url, key.key);
  const reachedUpstream = Date.now() + 10_000;
  while ((await fleet.upstreamStats()).inFlight < 1) {
    if (Date.now() > reachedUpstream) throw new Error('the request never reached the upstream');
    await sleep(10);
  }
  const inflightHash = hashOf(await fleet.redis.command('HGETALL', `sy:inflight:k:${key.hash}`));
  const deadline = Number(Object.values(inflightHash)[0]?.split(':')[0]);
  const spendInFlight = await spendNanos(fleet.redis, key.hash);
  await fleet.setUpstream({ ...exact, latencyMs: 0 });
  const whileInFlight = (await complete(survivor, key.key)).status;

  await doomed.kill();
  const killedAt = Date.now();
  await inFlight;
  const afterKillBeforeDeadline = (await complete(survivor, key.key)).status;
  await sleep(Math.max(0, deadline - Date.now()) + 100);
  const afterDeadline = (await complete(survivor, key.key)).status;
  await waitUntilSettled(fleet.redis, key.hash);
  const spend = await spendNanos(fleet.redis, key.hash);
  const completed = afterDeadline === 200 ? estimate.nanos : 0;
  return {
    reservationTtlMs: options.reservationTtlMs,
    estimateNanos: estimate.nanos,
    spendInFlight,
    whileInFlight,
    afterKillBeforeDeadline,
    afterDeadline,
    msFromKillToDeadline: deadline - killedAt,
    chargedForKilled: spend - completed,
    flags: hashOf(await fleet.redis.command('HGETALL', `sy:flags:k:${key.hash}`)),
    upstreamSawDisconnect: (await fleet.upstreamStats()).closedEarly >= 1,
  };
}
