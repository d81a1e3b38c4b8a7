import type { ScopeUsage } from '../../governance/records/scope-usage.ts';
import { spendAgainstLimit } from '../../governance/records/scope-usage.ts';
import { type ScopeLimits, toDollars } from '../../governance/scope-record.ts';

/**
 * A scope's budget and spend in OpenRouter's field names, in US dollars: `limit_remaining` is
 * what the current period leaves (null without a budget).
 * @example usageFields({ limitNanos: 5e9, limitReset: 'daily' }, usage).limit_remaining
 */
export function usageFields(limits: ScopeLimits, usage: ScopeUsage) {
  const spent = spendAgainstLimit(usage, limits.limitReset);
  return {
    limit: limits.limitNanos === undefined ? null : toDollars(limits.limitNanos),
    limit_remaining:
      limits.limitNanos === undefined ? null : toDollars(Math.max(0, limits.limitNanos - spent)),
    limit_reset: limits.limitReset ?? null,
    usage: toDollars(usage.all),
    usage_daily: toDollars(usage.daily),
    usage_weekly: toDollars(usage.weekly),
    usage_monthly: toDollars(usage.monthly),
  };
}
