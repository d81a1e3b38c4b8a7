import { StoreRefusedError } from './store-refused-error.ts';

/** Redis' integer syntax: no sign on zero, no leading zeros, no `+`. */
const integerPattern = /^(0|-?[1-9][0-9]*)$/;

/**
 * `current + step` as Redis' INCRBY / HINCRBY would store it (a missing value counts as 0).
 * Refuses (`StoreRefusedError`) when `current` is not an integer, or when the sum leaves the safe
 * integer range (past it, JavaScript could not read the counter back exactly; the Upstash scripts
 * refuse it too).
 */
export function addToCounter(current: string | undefined, step: number, label: string): number {
  if (current !== undefined && !integerPattern.test(current)) {
    throw new StoreRefusedError(`The value at ${label} is not an integer`);
  }
  const next = (current === undefined ? 0 : Number(current)) + step;
  if (!Number.isSafeInteger(next))
    throw new StoreRefusedError(`Incrementing ${label} would overflow`);
  return next;
}
