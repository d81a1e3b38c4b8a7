import type { RouterConfig } from '../../config/index.ts';
import type { RouteFacts } from '../../facts/route-facts.ts';
import { type BudgetAlert, sendBudgetAlert } from '../alerts/send-budget-alert.ts';
import { toDollars, toNanos } from '../scope-record.ts';
import { type BudgetCrossing, settle } from '../settlement.ts';
import { scopeName } from '../store-keys.ts';
import type { Admission } from './apply-policy.ts';
import type { GovernanceDeps } from './governance-deps.ts';

// An unsettled reservation stays charged at its estimate, so settling is tried again, past the
// store breaker's cooldown (2 s); the last try starts within a Worker's 30 s of waitUntil.
const retryDelaysMs = [1_000, 1_500, 3_000, 6_000, 12_000];

/**
 * The settle stage: replaces the reservation's estimate with what the request cost (every
 * segment, a cancelled stream's delivered part included) and sends the budget alerts it crossed.
 * Runs in the background; never throws.
 *
 * @example request.background(settleRequest(config, governance, admission, request.facts));
 */
export async function settleRequest(
  config: RouterConfig,
  governance: GovernanceDeps,
  admission: Admission,
  facts: RouteFacts,
): Promise<void> {
  const { reservation } = admission;
  if (reservation === undefined) return;
  const now = governance.now ?? Date.now;
  const input = {
    reservation,
    actualNanos: Math.max(0, toNanos(facts.cost?.total ?? 0)),
    actualTokens: Math.max(
      0,
      (facts.usage?.inputTokens.total ?? 0) + (facts.usage?.outputTokens.total ?? 0),
    ),
    thresholds: config.governance.alerts.thresholds,
  };
  let result = await settle(governance.store, { ...input, now: now() });
  for (const delayMs of retryDelaysMs) {
    if (result.status !== 'unavailable') break;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    result = await settle(governance.store, { ...input, now: now() });
  }
  if (result.status !== 'settled' || governance.alerts === undefined) return;
  const { alerts } = governance;
  await Promise.all(
    result.crossings.map((crossing) =>
      sendBudgetAlert(alerts, toAlert(crossing, admission, now())),
    ),
  );
}

function toAlert(crossing: BudgetCrossing, admission: Admission, now: number): BudgetAlert {
  const name = scopeName(crossing.scope);
  const scope = admission.scopes.find((candidate) => scopeName(candidate.ref) === name);
  return {
    type: 'budget.threshold',
    scope: scope?.label ?? name,
    percent: crossing.percent,
    spend: toDollars(crossing.spendNanos),
    limit: toDollars(crossing.limitNanos),
    period: crossing.period,
    time: new Date(now).toISOString(),
  };
}
