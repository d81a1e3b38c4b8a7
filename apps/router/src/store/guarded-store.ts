import type { Store } from './store.ts';
import {
  type BreakerTicket,
  createStoreBreaker,
  type StoreBreakerOptions,
} from './store-breaker.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import type { GuardedStore, StoreResult } from './store-result.ts';
import { type StoreOperation, StoreUnavailableError } from './store-unavailable-error.ts';
import { BudgetExceeded, withinBudget } from './within-budget.ts';

export interface GuardStoreOptions {
  /** How long one operation may take before it counts as failed (milliseconds, positive). */
  timeBudgetMs: number;
  /** When to stop calling a failing store, and when to try it again. */
  breaker?: StoreBreakerOptions;
  /**
   * Sees every failure of a call that reached the store (not the calls an open breaker answers),
   * refusals included (their `cause` is a `StoreRefusedError`), for logs and metrics. If it
   * throws, the error is ignored.
   */
  onError?: (error: StoreUnavailableError, operation: StoreOperation) => void;
  /** Clock in epoch milliseconds for the breaker's cooldown (default `Date.now`). */
  now?: () => number;
}

/**
 * Guards a store so that requests never fail or stall on it: every call answers an explicit
 * result within `timeBudgetMs` and never throws. A call that fails or runs over the budget
 * answers `unavailable` (a late inner call keeps running and its outcome is ignored). After
 * `breaker.failureThreshold` consecutive failures (timeouts, network and backend errors; not
 * refusals of a call's arguments or data) the guard stops calling the store and answers
 * `unavailable` at once; after `breaker.cooldownMs` one call probes it, and success closes the
 * breaker again. So an unreachable store costs one probe per cooldown, not a budget per request.
 *
 * @example
 * const store = guardStore(createUpstashStore({ url, token }), {
 *   timeBudgetMs: 50,
 *   onError: (error, operation) => log.warn({ operation, cause: error.cause }),
 * });
 * const read = await store.get('cache:abc');
 * if (read.status === 'value') return JSON.parse(read.value);
 */
export function guardStore(store: Store, options: GuardStoreOptions): GuardedStore {
  const { timeBudgetMs, onError } = options;
  if (!Number.isFinite(timeBudgetMs) || timeBudgetMs <= 0) {
    throw new RangeError(`timeBudgetMs must be a positive number, got ${timeBudgetMs}`);
  }
  const now = options.now ?? Date.now;
  const breaker = createStoreBreaker(options.breaker ?? {}, now);

  async function attempt<T>(
    operation: StoreOperation,
    call: () => Promise<T>,
  ): Promise<StoreResult<T>> {
    const ticket = breaker.admit();
    if (!ticket) {
      const error = new StoreUnavailableError({ operation, circuitOpen: true });
      return { status: 'unavailable', error };
    }
    try {
      const value = await withinBudget(call, timeBudgetMs);
      breaker.settle(ticket, true);
      return { status: 'ok', value };
    } catch (cause) {
      return { status: 'unavailable', error: fail(operation, ticket, cause) };
    }
  }

  function fail(
    operation: StoreOperation,
    ticket: BreakerTicket,
    cause: unknown,
  ): StoreUnavailableError {
    // A refusal is about this call's arguments or data, not the store's health: it counts nothing.
    if (StoreRefusedError.isInstance(cause)) breaker.release(ticket);
    else breaker.settle(ticket, false);
    const error =
      cause instanceof BudgetExceeded
        ? new StoreUnavailableError({ operation, timeoutMs: timeBudgetMs })
        : new StoreUnavailableError({ operation, cause });
    try {
      onError?.(error, operation);
    } catch {
      // A broken logger must not turn an answer into a thrown error.
    }
    return error;
  }

  return {
    kind: store.kind,
    async get(key) {
      const result = await attempt('get', () => store.get(key));
      if (result.status === 'unavailable') return result;
      return result.value === null
        ? { status: 'absent' }
        : { status: 'value', value: result.value };
    },
    set: (key, value, setOptions) => attempt('set', () => store.set(key, value, setOptions)),
    delete: (key) => attempt('delete', () => store.delete(key)),
    deleteIfEquals: (key, value) =>
      attempt('deleteIfEquals', () => store.deleteIfEquals(key, value)),
    increment: (key, by, incrementOptions) =>
      attempt('increment', () => store.increment(key, by, incrementOptions)),
    incrementFields: (key, amounts, incrementOptions) =>
      attempt('incrementFields', () => store.incrementFields(key, amounts, incrementOptions)),
    async getFields(key) {
      const result = await attempt('getFields', () => store.getFields(key));
      if (result.status === 'unavailable') return result;
      const empty = Object.keys(result.value).length === 0;
      return empty ? { status: 'absent' } : { status: 'value', value: result.value };
    },
    getFieldsMany: (keys) => attempt('getFieldsMany', () => store.getFieldsMany(keys)),
    runScript: (script, keys, args) =>
      attempt('runScript', () => store.runScript(script, keys, args)),
    ping: () => attempt('ping', () => store.ping()),
  };
}
