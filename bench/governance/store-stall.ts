import { setTimeout as sleep } from 'node:timers/promises';
import { costNanos } from './bench-request.ts';
import { complete, createKey, spendNanos } from './client.ts';
import type { Fleet } from './fleet.ts';
import { hashOf } from './redis-client.ts';

export interface StoreStallResult {
  /** How long after the answer the settled charge was read. */
  settleWaitMs: number;
  /** How long Redis held write commands (scripts included) with `CLIENT PAUSE <ms> WRITE`. */
  pauseMs: number;
  lateAdmission: {
    /** The request sent while Redis held its admission script. */
    status: number;
    message: string;
    /** Added to the key's spend by that request, in estimates. */
    chargedEstimates: number;
    /** Its reservation, left in flight: seconds until its deadline. */
    openReservationSeconds: number[];
    /** The key (max_parallel 1) asked again a second later. */
    nextStatus: number;
  };
  droppedSettlement: {
    /** Other requests on the same router during the pause (their failures open the store breaker). */
    otherStatuses: number[];
    status: number;
    /** What the request's usage cost, and what its key was charged `settleWaitMs` after the answer. */
    costNanos: number;
    chargedNanos: number;
    stillInFlight: number;
  };
}

// Longer than the routers' governance.storeTimeBudgetMs (1 s), so admissions time out.
const pauseMs = 1_500;
/** How long after the answer the key's charge is read: settlement retries past the breaker. */
const settleWaitMs = 10_000;

/**
 * What a slow store leaves in the counters, made deterministic with `CLIENT PAUSE`: (1) an
 * admission whose reply arrives after `governance.storeTimeBudgetMs`; (2) a settlement that falls while the
 * router's store breaker is open, after other calls timed out.
 */
export async function runStoreStall(fleet: Fleet): Promise<StoreStallResult> {
  const { estimate } = fleet;
  const router = fleet.routers[0]?.url ?? '';
  const exact = { promptTokens: estimate.inputTokens, completionTokens: estimate.outputTokens };
  await fleet.setUpstream({ ...exact, latencyMs: 0 });

  // 1. A late admission reply.
  const slot = await createKey(router, {
    name: 'late admission',
    max_parallel: 1,
    limit: (estimate.nanos * 10) / 1e9,
  });
  await complete(router, slot.key);
  await sleep(300);
  const before = await spendNanos(fleet.redis, slot.hash);
  await fleet.redis.command('CLIENT', 'PAUSE', pauseMs, 'WRITE');
  const late = await complete(router, slot.key);
  await sleep(pauseMs + 600);
  const inflight = hashOf(await fleet.redis.command('HGETALL', `sy:inflight:k:${slot.hash}`));
  const lateAdmission = {
    status: late.status,
    message: (JSON.parse(late.body) as { error?: { message?: string } }).error?.message ?? '',
    chargedEstimates: ((await spendNanos(fleet.redis, slot.hash)) - before) / estimate.nanos,
    openReservationSeconds: Object.values(inflight).map((value) =>
      Math.round((Number(value.split(':')[0]) - Date.now()) / 1_000),
    ),
    nextStatus: (await complete(router, slot.key)).status,
  };
  await sleep(2_500);

  // 2. A settlement while the breaker is open.
  const settling = await createKey(router, { name: 'dropped settlement', limit: 1 });
  const others = await createKey(router, { name: 'others', limit: 1 });
  await Promise.all([complete(router, settling.key), complete(router, others.key)]);
  await sleep(300);
  const spentBefore = await spendNanos(fleet.redis, settling.hash);
  const half = { promptTokens: exact.promptTokens, completionTokens: exact.completionTokens / 2 };
  await fleet.setUpstream({ ...half, latencyMs: 1_000 });
  const answer = complete(router, settling.key);
  await sleep(100);
  await fleet.redis.command('CLIENT', 'PAUSE', pauseMs, 'WRITE');
  const otherStatuses = (await Promise.all([1, 2, 3].map(() => complete(router, others.key)))).map(
    (other) => other.status,
  );
  const status = (await answer).status;
  await sleep(settleWaitMs);
  return {
    pauseMs,
    settleWaitMs,
    lateAdmission,
    droppedSettlement: {
      otherStatuses,
      status,
      costNanos: costNanos(half.promptTokens, half.completionTokens),
      chargedNanos: (await spendNanos(fleet.redis, settling.hash)) - spentBefore,
      stillInFlight: Number(await fleet.redis.command('HLEN', `sy:inflight:k:${settling.hash}`)),
    },
  };
}
