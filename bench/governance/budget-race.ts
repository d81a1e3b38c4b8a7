import { costNanos } from './bench-request.ts';
import {
  type Answer,
  complete,
  createKey,
  reportedUsage,
  roundRobin,
  spendNanos,
  statusCounts,
  waitUntilSettled,
} from './client.ts';
import type { Fleet } from './fleet.ts';
import { hashOf } from './redis-client.ts';

/** How the upstream's reported usage relates to the router's reservation estimate. */
export interface UsageVariant {
  name: string;
  /** Reported tokens = estimated tokens × factor (input and output alike). */
  factor: number;
}

export const usageVariants: UsageVariant[] = [
  { name: '(a) usage exactly the estimate', factor: 1 },
  { name: '(b) usage 20% below the estimate', factor: 0.8 },
  { name: '(c) usage 20% above the estimate (an under-estimate)', factor: 1.2 },
];

export interface EnforcementResult {
  statuses: Record<number, number>;
  accepted: number;
  upstreamCalls: number;
  /** What the budget's counter says was spent. */
  spendNanos: number;
  /** What the upstream would bill: its calls × the cost of the usage it reported. */
  billedNanos: number;
  /** Billed over the budget, in nanodollars (0 when within). */
  overshootNanos: number;
}

export interface RouterEnforcement extends EnforcementResult {
  /** Requests the admission script admitted (the key's rpm window; its rpm is far above the load). */
  admitted: number;
  /** Reservations still open (in flight) when the wait for settlement gave up. */
  openAfterWait: number;
  reportedUsageNanos: number;
}

export interface BudgetRaceResult {
  variant: UsageVariant;
  requests: number;
  budgetNanos: number;
  estimateNanos: number;
  /** What one accepted request actually cost at the reported usage. */
  actualNanos: number;
  settleWaitMs: number;
  router: RouterEnforcement;
  naive: EnforcementResult;
}

const settleWaitMs = 5_000;

/**
 * `requests` concurrent requests against a budget of `reservations` × the estimate, through the
 * three routers (reserve, then settle) and through the three naive proxies (check, then add).
 */
export async function runBudgetRace(
  fleet: Fleet,
  variant: UsageVariant,
  options: { requests: number; reservations: number; latencyMs: number },
): Promise<BudgetRaceResult> {
  const { estimate } = fleet;
  const usage = {
    promptTokens: Math.round(estimate.inputTokens * variant.factor),
    completionTokens: Math.round(estimate.outputTokens * variant.factor),
  };
  const actualNanos = costNanos(usage.promptTokens, usage.completionTokens);
  const budgetNanos = estimate.nanos * options.reservations;
  await fleet.setUpstream({ ...usage, latencyMs: options.latencyMs });
  const summary = (answers: Answer[], calls: number, spend: number): EnforcementResult => {
    const statuses = statusCounts(answers);
    const billedNanos = calls * actualNanos;
    return {
      statuses,
      accepted: statuses[200] ?? 0,
      upstreamCalls: calls,
      spendNanos: spend,
      billedNanos,
      overshootNanos: Math.max(0, billedNanos - budgetNanos),
    };
  };

  const key = await createKey(fleet.routers[0]?.url ?? '', {
    name: `budget ${variant.factor}`,
    limit: budgetNanos / 1e9,
    rpm: 1_000_000,
  });
  await fleet.resetUpstream();
  const routerAnswers = await fire(
    options.requests,
    roundRobin(fleet.routers.map((router) => router.url)),
    key.key,
  );
  const routerCalls = (await fleet.upstreamStats()).received;
  await waitUntilSettled(fleet.redis, key.hash, settleWaitMs);
  const window = hashOf(await fleet.redis.command('HGETALL', `sy:rate:k:${key.hash}:req`));
  const router: RouterEnforcement = {
    ...summary(routerAnswers, routerCalls, await spendNanos(fleet.redis, key.hash)),
    admitted: Object.values(window).reduce((sum, count) => sum + Number(count), 0),
    openAfterWait: Number(await fleet.redis.command('HLEN', `sy:inflight:k:${key.hash}`)),
    reportedUsageNanos: Math.round(
      (await reportedUsage(fleet.routers[1]?.url ?? '', key.key)) * 1e9,
    ),
  };

  const naiveKey = `naive-${variant.factor}-${Date.now()}`;
  await fleet.redis.command('SET', `naive:limit:${naiveKey}`, budgetNanos);
  await fleet.resetUpstream();
  const naiveAnswers = await fire(
    options.requests,
    roundRobin(fleet.naive.map((proxy) => proxy.url)),
    naiveKey,
  );
  const naiveCalls = (await fleet.upstreamStats()).received;
  const naiveSpend = Number((await fleet.redis.command('GET', `naive:spend:${naiveKey}`)) ?? 0);

  return {
    variant,
    requests: options.requests,
    budgetNanos,
    estimateNanos: estimate.nanos,
    actualNanos,
    settleWaitMs,
    router,
    naive: summary(naiveAnswers, naiveCalls, naiveSpend),
  };
}

/** `count` requests at once, round-robin over the processes. */
function fire(count: number, next: () => string, key: string): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, () => complete(next(), key)));
}
