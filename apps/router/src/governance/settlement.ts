import type { GuardedStore } from '../store/store-result.ts';
import type { StoreUnavailableError } from '../store/store-unavailable-error.ts';
import type { Reservation } from './admission.ts';
import { counterTtlMs } from './periods.ts';
import { settlementScript } from './settlement-script.ts';
import { governanceKeys, type ScopeRef, scopeName } from './store-keys.ts';

export interface SettlementInput {
  /** As `admit` returned it. */
  reservation: Reservation;
  /** What the request cost; 0 releases the whole reservation. */
  actualNanos: number;
  /** Input + output tokens it used. */
  actualTokens: number;
  /** Epoch ms. */
  now: number;
  /** Budget percentages to alert at, e.g. `[50, 80, 100]`. */
  thresholds: readonly number[];
}

/** Spend reached `percent` of a budget for the first time in its period. */
export interface BudgetCrossing {
  scope: ScopeRef;
  period: string;
  percent: number;
  spendNanos: number;
  limitNanos: number;
}

export type SettlementResult =
  | { status: 'settled'; crossings: BudgetCrossing[] }
  /** Settled already, or past its deadline (then it stays charged at its estimate). */
  | { status: 'gone' }
  | { status: 'unavailable'; error: StoreUnavailableError };

/**
 * Settles a reservation in one atomic script: puts the actual cost in place of the estimate in
 * every spend counter, gives back unused tokens while their slot is in the window, frees the
 * in-flight slots and reports budget thresholds crossed. Each threshold is reported once per
 * budget period, by whichever settlement reached it first. Settling twice changes nothing.
 *
 * @example
 * const result = await settle(store, {
 *   reservation: decision.reservation,
 *   actualNanos: cost.nanos,
 *   actualTokens: usage.inputTokens + usage.outputTokens,
 *   now: Date.now(),
 *   thresholds: config.governance.alerts.thresholds,
 * });
 * if (result.status === 'settled') for (const crossing of result.crossings) sendAlert(crossing);
 */
export async function settle(
  store: GuardedStore,
  input: SettlementInput,
): Promise<SettlementResult> {
  const { reservation, thresholds, now } = input;
  checkCount('actualNanos', input.actualNanos);
  checkCount('actualTokens', input.actualTokens);
  for (const percent of thresholds) checkCount('threshold', percent);
  const keys = [
    reservation.key,
    ...reservation.spendKeys,
    ...reservation.tokenKeys,
    ...reservation.inflightKeys,
  ];
  const budgetArgs = reservation.budgets.flatMap((budget) => {
    const spendIndex = keys.indexOf(budget.spendKey) + 1;
    if (spendIndex === 0) throw new RangeError(`${budget.spendKey} is not a reserved counter`);
    return [spendIndex, budget.limitNanos, counterTtlMs(budget.period, now) ?? 0].map(String);
  });
  for (const budget of reservation.budgets) {
    const name = scopeName(budget.scope);
    keys.push(...thresholds.map((percent) => governanceKeys.alert(name, budget.period, percent)));
  }
  const counts = [
    reservation.spendKeys.length,
    reservation.tokenKeys.length,
    reservation.inflightKeys.length,
    reservation.budgets.length,
    thresholds.length,
  ];
  const args = [
    reservation.id,
    input.actualNanos,
    input.actualTokens,
    now,
    ...counts,
    ...thresholds,
  ]
    .map(String)
    .concat(budgetArgs);
  const result = await store.runScript(settlementScript, keys, args);
  if (result.status === 'unavailable') return result;
  if (result.value.status === 'gone') return result.value;
  const crossings = result.value.crossings.map(([position, percent, spendNanos]) => {
    const budget = reservation.budgets[position - 1];
    if (!budget) throw new TypeError(`The settlement script named budget ${position}`);
    const { scope, period, limitNanos } = budget;
    return { scope, period, percent, spendNanos, limitNanos };
  });
  return { status: 'settled', crossings };
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}
