import type { GuardedStore, StoreResult } from '../../store/store-result.ts';
import { type Periods, periodsAt } from '../periods.ts';
import { governanceKeys } from '../store-keys.ts';

/** Spend of one scope in nanodollars, for all time and for the current UTC day, week and month. */
export type ScopeUsage = Record<keyof Periods, number>;

const periodKinds = ['all', 'daily', 'weekly', 'monthly'] as const;

/**
 * Reads a scope's spend counters (written by settlement) for the periods containing `now`.
 * @example await readScopeUsage(store, scopeName({ kind: 'key', id: key.scopeId }), Date.now())
 */
export async function readScopeUsage(
  store: GuardedStore,
  scope: string,
  now: number,
): Promise<StoreResult<ScopeUsage>> {
  const periods = periodsAt(now);
  const reads = await Promise.all(
    periodKinds.map((kind) => store.get(governanceKeys.spend(scope, periods[kind]))),
  );
  const usage: ScopeUsage = { all: 0, daily: 0, weekly: 0, monthly: 0 };
  for (const [index, read] of reads.entries()) {
    if (read.status === 'unavailable') return read;
    const nanos = read.status === 'value' ? Number(read.value) : 0;
    usage[periodKinds[index] as keyof Periods] = Number.isSafeInteger(nanos) ? nanos : 0;
  }
  return { status: 'ok', value: usage };
}

/**
 * The spend a budget with `limitReset` counts against: the current period's, or all time's.
 * @example spendAgainstLimit(usage, 'monthly') // usage.monthly
 */
export const spendAgainstLimit = (
  usage: ScopeUsage,
  limitReset: 'daily' | 'weekly' | 'monthly' | undefined,
): number => usage[limitReset ?? 'all'];
