import { StoreRefusedError } from './store-refused-error.ts';

// A bad argument is the caller's mistake, not the store's: it refuses, so no breaker counts it.

/** Validates a TTL the same way for every store: positive, whole milliseconds (rounded up). */
export function toTtlMs(ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new StoreRefusedError(`ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}

/** Increments are integers (Redis INCRBY); store money in micro-units, not fractions. */
export function toIncrement(by: number): number {
  if (!Number.isSafeInteger(by))
    throw new StoreRefusedError(`increment must be a safe integer, got ${by}`);
  return by;
}

/** The `incrementFields` amounts as `[field, amount]` pairs, each amount a safe integer. */
export function toFieldAmounts(amounts: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(amounts).map(([field, amount]) => {
    if (!Number.isSafeInteger(amount)) {
      throw new StoreRefusedError(
        `the amount for field '${field}' must be a safe integer, got ${amount}`,
      );
    }
    return [field, amount];
  });
}
