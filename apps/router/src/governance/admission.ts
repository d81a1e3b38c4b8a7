import type { GuardedStore } from '../store/store-result.ts';
import type { StoreUnavailableError } from '../store/store-unavailable-error.ts';
import { layoutAdmission } from './admission-layout.ts';
import { type AdmissionReply, admissionScript } from './admission-script.ts';
import type { ScopeLimits } from './scope-record.ts';
import type { ScopeRef } from './store-keys.ts';

/** One scope a request counts against, with the limits that apply to it. */
export interface AdmissionScope {
  ref: ScopeRef;
  /** Only `limitNanos`, `limitReset`, `rpm`, `tpm` and `maxParallel` matter here. */
  limits: ScopeLimits;
  /**
   * For key and team scopes: the stored record (`governanceKeys.key(hash)` or `.team(id)`) and
   * the version the caller read, so a revoke or edit takes effect on the very next request.
   */
  record?: { storeKey: string; version: string };
}

export interface AdmissionInput {
  /** Up to four: key, team, gateway, model. */
  scopes: readonly AdmissionScope[];
  /** Unique per request; settling twice with it changes nothing the second time. */
  reservationId: string;
  /** Upper bound of the request's cost in nanodollars (`estimate.ts`). */
  estimateNanos: number;
  /** Upper bound of its input + output tokens, for tpm. */
  estimateTokens: number;
  /** Epoch ms. */
  now: number;
  /** Epoch ms; a reservation not settled by then stays charged at its estimate. */
  deadline: number;
}

/** A rolling-minute limit after this request, as OpenAI's `x-ratelimit-*` headers tell it. */
export interface RateState {
  limit: number;
  remaining: number;
  /** Until the window no longer holds anything of this request (`x-ratelimit-reset-*`). */
  resetMs: number;
}

export interface AdmittedScope {
  scope: ScopeRef;
  requests?: RateState;
  tokens?: RateState;
  budget?: { limitNanos: number; remainingNanos: number; period: string };
}

/** A budget a reservation counts against, kept for the threshold alerts of settlement. */
export interface ReservedBudget {
  scope: ScopeRef;
  /** `all`, or the calendar period of the budget's reset (`periods.ts`). */
  period: string;
  limitNanos: number;
  spendKey: string;
}

/** What settlement needs from admission; pass it back to `settle` unchanged. */
export interface Reservation {
  id: string;
  /** The reservation hash (expires at the deadline). */
  key: string;
  estimateNanos: number;
  estimateTokens: number;
  /** Every spend counter the estimate was added to. */
  spendKeys: string[];
  /** The token windows the estimated tokens were added to. */
  tokenKeys: string[];
  /** The in-flight hashes holding the reservation. */
  inflightKeys: string[];
  budgets: ReservedBudget[];
}

/** Whether a request may go ahead; a refusal names the scope that refused and changed nothing. */
export type AdmissionDecision =
  | { status: 'admitted'; reservation: Reservation; scopes: AdmittedScope[] }
  /** `stale`: the record changed since it was read; read it again and retry. */
  | { status: 'gone' | 'stale' | 'disabled' | 'expired'; scope: ScopeRef }
  | { status: 'parallel'; scope: ScopeRef; limit: number }
  | {
      status: 'rate';
      scope: ScopeRef;
      kind: 'requests' | 'tokens';
      limit: number;
      /** When enough of the window has passed for this request to fit (at least 1). */
      retryAfterMs: number;
      /** The request alone exceeds the limit: it can never fit. */
      never: boolean;
    }
  | {
      status: 'budget';
      scope: ScopeRef;
      limitNanos: number;
      remainingNanos: number;
      period: string;
    }
  /**
   * The store did not answer in time. The script may still run there later: release
   * `reservation` (`releaseReservation`) so a late admission charges nothing.
   */
  | { status: 'unavailable'; error: StoreUnavailableError; reservation: Reservation };

/**
 * Admits one request against every scope at once, in one atomic script: checks the key and team
 * records, max parallel, rpm and tpm over a rolling minute, and budgets; when all pass, charges
 * the estimate and records the reservation, otherwise changes nothing. Settle the reservation
 * with `settle` once the request's cost is known.
 *
 * @example
 * const decision = await admit(store, {
 *   scopes: [
 *     { ref: { kind: 'key', id: key.scopeId }, limits: key.limits,
 *       record: { storeKey: governanceKeys.key(key.hash), version: key.version } },
 *     { ref: { kind: 'gateway' }, limits: gatewayLimits },
 *   ],
 *   reservationId: requestId,
 *   estimateNanos: estimate.nanos,
 *   estimateTokens: estimate.totalTokens,
 *   now: Date.now(),
 *   deadline: Date.now() + config.governance.reservationTtlMs,
 * });
 * if (decision.status === 'rate') return tooManyRequests(decision.retryAfterMs);
 */
export async function admit(
  store: GuardedStore,
  input: AdmissionInput,
): Promise<AdmissionDecision> {
  const call = layoutAdmission(input);
  const result = await store.runScript(admissionScript, call.keys, call.args);
  if (result.status === 'unavailable') return { ...result, reservation: call.reservation };
  const reply: AdmissionReply = result.value;
  if (reply.status !== 'admitted') {
    const scope = input.scopes[reply.scope - 1];
    if (!scope) throw new TypeError(`The admission script named scope ${reply.scope}`);
    if (reply.status !== 'budget') return { ...reply, scope: scope.ref };
    return { ...reply, scope: scope.ref, period: call.budgetPeriods[reply.scope - 1] ?? 'all' };
  }
  const scopes = input.scopes.map(({ ref }, index): AdmittedScope => {
    const [requests, tokens, budget] = toStates(reply.states[index] ?? []);
    const period = call.budgetPeriods[index];
    return {
      scope: ref,
      ...(requests && { requests }),
      ...(tokens && { tokens }),
      ...(budget && period !== undefined && { budget: { ...budget, period } }),
    };
  });
  return { status: 'admitted', reservation: call.reservation, scopes };
}

function toStates(state: number[]) {
  const [requestLimit = -1, requestsLeft, requestsReset] = state;
  const [tokenLimit = -1, tokensLeft, tokensReset, budgetLimit = -1, budgetLeft] = state.slice(3);
  const rate = (limit: number, remaining = 0, resetMs = 0): RateState | undefined =>
    limit < 0 ? undefined : { limit, remaining, resetMs };
  const budget =
    budgetLimit < 0 ? undefined : { limitNanos: budgetLimit, remainingNanos: budgetLeft ?? 0 };
  return [
    rate(requestLimit, requestsLeft, requestsReset),
    rate(tokenLimit, tokensLeft, tokensReset),
    budget,
  ] as const;
}

/**
 * The rate limit closest to refusing across the admitted scopes, for the `x-ratelimit-*`
 * headers; undefined when no scope has one.
 *
 * @example
 * const requests = tightestRate(decision.scopes, 'requests');
 * if (requests) headers.set('x-ratelimit-remaining-requests', String(requests.remaining));
 */
export function tightestRate(
  scopes: readonly AdmittedScope[],
  kind: 'requests' | 'tokens',
): RateState | undefined {
  let tightest: RateState | undefined;
  for (const scope of scopes) {
    const state = scope[kind];
    if (
      state &&
      (!tightest || state.remaining / state.limit < tightest.remaining / tightest.limit)
    ) {
      tightest = state;
    }
  }
  return tightest;
}
