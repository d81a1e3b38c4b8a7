import { setTimeout as sleep } from 'node:timers/promises';
import {
  complete,
  createKey,
  roundRobin,
  spendNanos,
  statusCounts,
  waitUntilSettled,
} from './client.ts';
import type { Fleet } from './fleet.ts';

export interface BudgetAlertsResult {
  requests: number;
  statuses: Record<number, number>;
  budgetNanos: number;
  spendNanos: number;
  /** Webhooks that arrived for this key, per threshold percent. */
  perThreshold: Record<number, number>;
  validSignatures: number;
  received: number;
}

/**
 * `requests` concurrent requests through the three routers against a budget of `reservations`
 * estimates: spend crosses 50, 80 and 100%, and each threshold's webhook must arrive once.
 */
export async function runBudgetAlerts(
  fleet: Fleet,
  options: { requests: number; reservations: number; latencyMs: number },
): Promise<BudgetAlertsResult> {
  const { estimate } = fleet;
  await fleet.setUpstream({
    promptTokens: estimate.inputTokens,
    completionTokens: estimate.outputTokens,
    latencyMs: options.latencyMs,
  });
  const budgetNanos = estimate.nanos * options.reservations;
  const urls = fleet.routers.map((router) => router.url);
  const key = await createKey(urls[0] ?? '', { name: 'alerts', limit: budgetNanos / 1e9 });
  const next = roundRobin(urls);
  const answers = await Promise.all(
    Array.from({ length: options.requests }, () => complete(next(), key.key)),
  );
  await waitUntilSettled(fleet.redis, key.hash);
  // Alerts go out in the background after settlement; give them time to arrive.
  // The scope names the key by its masked label (`key sk-sy-v1-…a3f9`).
  const mine = () =>
    fleet.alerts.received.filter((received) => received.alert.scope?.includes(key.label));
  const deadline = Date.now() + 5_000;
  while (mine().length < 3 && Date.now() < deadline) await sleep(50);
  await sleep(500);
  const perThreshold: Record<number, number> = {};
  for (const { alert } of mine()) {
    const percent = alert.percent ?? -1;
    perThreshold[percent] = (perThreshold[percent] ?? 0) + 1;
  }
  return {
    requests: options.requests,
    statuses: statusCounts(answers),
    budgetNanos,
    spendNanos: await spendNanos(fleet.redis, key.hash),
    perThreshold,
    validSignatures: mine().filter((received) => received.validSignature).length,
    received: mine().length,
  };
}
