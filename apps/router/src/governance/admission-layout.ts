import type { AdmissionInput, Reservation } from './admission.ts';
import { counterTtlMs, periodsAt } from './periods.ts';
import { governanceKeys, scopeName } from './store-keys.ts';

/**
 * The admission script's arguments. KEYS[1] is the reservation hash; ARGV holds the request
 * (`reservationId`, `estimateNanos`, `estimateTokens`, `now`, `deadline` in epoch ms), the
 * lifetimes of the daily, weekly and monthly spend counters, the scope count, then `scopeStride`
 * values per scope at the offsets of `scopeField`. A key field is an index into KEYS, 0 for none;
 * a limit is 0 for none. `spend` is the first of four counters: all, daily, weekly, monthly.
 */
export const scopeField = {
  record: 0,
  version: 1,
  inflight: 2,
  flags: 3,
  maxParallel: 4,
  requests: 5,
  rpm: 6,
  tokens: 7,
  tpm: 8,
  spend: 9,
  budget: 10,
  limitNanos: 11,
} as const;
export const scopeStride = 12;
/** ARGV index (1-based) of the first scope's first value. */
export const firstScopeArgument = 10;
/** How long a rate window's hash outlives its last write. */
export const windowTtlMs = 61_000;

/** The most scopes one request may count against: key, team, gateway and model. */
export const maxScopes = 4;

/** What `admit` sends the script, and the reservation it returns when the script admits. */
export interface AdmissionCall {
  keys: string[];
  args: string[];
  reservation: Reservation;
  /** The budget period of each scope, in input order (undefined for a scope without budget). */
  budgetPeriods: (string | undefined)[];
}

/** Names every key the admission of `input` touches and lays out the script's arguments. */
export function layoutAdmission(input: AdmissionInput): AdmissionCall {
  checkInput(input);
  const periods = periodsAt(input.now);
  const reservationKey = governanceKeys.reservation(input.reservationId);
  const keys = [reservationKey];
  const keyIndex = (key: string) => String(keys.push(key));
  const ttl = (period: string) => String(counterTtlMs(period, input.now));
  const args = [
    input.reservationId,
    String(input.estimateNanos),
    String(input.estimateTokens),
    String(input.now),
    String(input.deadline),
    ttl(periods.daily),
    ttl(periods.weekly),
    ttl(periods.monthly),
    String(input.scopes.length),
  ];
  const reservation: Reservation = {
    id: input.reservationId,
    key: reservationKey,
    estimateNanos: input.estimateNanos,
    estimateTokens: input.estimateTokens,
    spendKeys: [],
    tokenKeys: [],
    inflightKeys: [],
    budgets: [],
  };
  const budgetPeriods: (string | undefined)[] = [];

  for (const { ref, limits, record } of input.scopes) {
    const name = scopeName(ref);
    const fields: string[] = new Array(scopeStride).fill('0');
    const set = (field: keyof typeof scopeField, value: string) => {
      fields[scopeField[field]] = value;
    };
    if (record) {
      set('record', keyIndex(record.storeKey));
      set('version', record.version);
    }
    // Key and team reservations are always tracked, so unsettled ones get flagged.
    if (ref.kind === 'key' || ref.kind === 'team' || limits.maxParallel !== undefined) {
      const inflight = governanceKeys.inflight(name);
      set('inflight', keyIndex(inflight));
      set('flags', keyIndex(governanceKeys.flags(name)));
      set('maxParallel', String(limits.maxParallel ?? 0));
      reservation.inflightKeys.push(inflight);
    }
    if (limits.rpm !== undefined) {
      set('requests', keyIndex(governanceKeys.rate(name, 'req')));
      set('rpm', String(limits.rpm));
    }
    if (limits.tpm !== undefined) {
      const tokens = governanceKeys.rate(name, 'tok');
      set('tokens', keyIndex(tokens));
      set('tpm', String(limits.tpm));
      reservation.tokenKeys.push(tokens);
    }
    let budgetPeriod: string | undefined;
    if (ref.kind !== 'model') {
      const order = [periods.all, periods.daily, periods.weekly, periods.monthly];
      const spendKeys = order.map((period) => governanceKeys.spend(name, period));
      set('spend', String(keys.length + 1));
      keys.push(...spendKeys);
      reservation.spendKeys.push(...spendKeys);
      if (limits.limitNanos !== undefined) {
        budgetPeriod = periods[limits.limitReset ?? 'all'];
        const spendKey = spendKeys[order.indexOf(budgetPeriod)] as string;
        set('budget', String(keys.indexOf(spendKey) + 1));
        set('limitNanos', String(limits.limitNanos));
        reservation.budgets.push({
          scope: ref,
          period: budgetPeriod,
          limitNanos: limits.limitNanos,
          spendKey,
        });
      }
    }
    budgetPeriods.push(budgetPeriod);
    args.push(...fields);
  }
  return { keys, args, reservation, budgetPeriods };
}

function checkInput(input: AdmissionInput): void {
  if (input.scopes.length > maxScopes) {
    throw new RangeError(`at most ${maxScopes} scopes, got ${input.scopes.length}`);
  }
  checkCount('estimateNanos', input.estimateNanos, 0);
  checkCount('estimateTokens', input.estimateTokens, 0);
  checkCount('now', input.now, 0);
  checkCount('deadline', input.deadline, input.now + 1);
  for (const { ref, limits } of input.scopes) {
    const name = scopeName(ref);
    checkCount(`${name} limitNanos`, limits.limitNanos, 0);
    checkCount(`${name} rpm`, limits.rpm, 1);
    checkCount(`${name} tpm`, limits.tpm, 1);
    checkCount(`${name} maxParallel`, limits.maxParallel, 1);
  }
}

function checkCount(name: string, value: number | undefined, least: number): void {
  if (value === undefined || (Number.isSafeInteger(value) && value >= least)) return;
  throw new RangeError(`${name} must be an integer of at least ${least}, got ${value}`);
}
