import type { Store } from './store.ts';
import { type StoreOperation, StoreUnavailableError } from './store-unavailable-error.ts';

export interface FailOpenOptions {
  /** How long one operation may take before it counts as failed. */
  timeBudgetMs: number;
  /** Sees every failure, swallowed or rethrown (for logs and metrics); must not throw. */
  onError?: (error: StoreUnavailableError, operation: StoreOperation) => void;
}

/**
 * Guards a store so that a failing or slow one never fails a request: when the inner call throws
 * or exceeds `timeBudgetMs`, `get` answers null (a miss), `set` false, `delete` nothing.
 * `increment` and `ping` reject with `StoreUnavailableError` instead, because limits decide per
 * config whether to fail open. A late inner call keeps running, and its outcome is ignored.
 *
 * @example
 * const store = withFailOpen(createUpstashStore({ url, token }), {
 *   timeBudgetMs: 50,
 *   onError: (error, operation) => log.warn({ operation, cause: error.cause }),
 * });
 */
export function withFailOpen(store: Store, options: FailOpenOptions): Store {
  const { timeBudgetMs, onError } = options;
  if (!Number.isFinite(timeBudgetMs) || timeBudgetMs <= 0) {
    throw new RangeError(`timeBudgetMs must be a positive number, got ${timeBudgetMs}`);
  }

  const guard = async <T>(operation: StoreOperation, call: () => Promise<T>): Promise<T> => {
    try {
      return await withinBudget(call, timeBudgetMs);
    } catch (cause) {
      const error =
        cause instanceof BudgetExceeded
          ? new StoreUnavailableError({ operation, timeoutMs: timeBudgetMs })
          : new StoreUnavailableError({ operation, cause });
      try {
        onError?.(error, operation);
      } catch {
        // A broken logger must not turn a miss into a failed request.
      }
      throw error;
    }
  };

  return {
    kind: store.kind,
    get: (key) => guard('get', () => store.get(key)).catch(() => null),
    set: (key, value, setOptions) =>
      guard('set', () => store.set(key, value, setOptions)).catch(() => false),
    delete: (key) => guard('delete', () => store.delete(key)).catch(() => undefined),
    increment: (key, by, incrementOptions) =>
      guard('increment', () => store.increment(key, by, incrementOptions)),
    ping: () => guard('ping', () => store.ping()),
  };
}

class BudgetExceeded extends Error {}

/**
 * Settles with `call()` or rejects with `BudgetExceeded` after `budgetMs`, whichever is first.
 * The inner promise always has handlers attached, so a late rejection is never unhandled.
 */
function withinBudget<T>(call: () => Promise<T>, budgetMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BudgetExceeded()), budgetMs);
    const settle = () => clearTimeout(timer);
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      settle();
      reject(error);
      return;
    }
    pending.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
