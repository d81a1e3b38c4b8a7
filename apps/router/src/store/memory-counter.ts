import { StoreRefusedError } from './store-refused-error.ts';

/**
 * `current + step` as Redis' INCRBY / HINCRBY would store it (a missing value counts as 0).
 * Refuses (`StoreRefusedError`) when `current` is not an integer, or when the sum leaves the safe
 * integer range (past it, JavaScript could not read the counter back exactly; the Upstash scripts
 * refuse it too). `key` and `field` name the counter in the refusal.
 */
export function addToCounter(
  current: string | undefined,
  step: number,
  key: string,
  field?: string,
): number {
  if (current !== undefined && !isRedisInteger(current)) {
    throw new StoreRefusedError(`The value at ${label(key, field)} is not an integer`);
  }
  const next = (current === undefined ? 0 : Number(current)) + step;
  if (!Number.isSafeInteger(next)) {
    throw new StoreRefusedError(`Incrementing ${label(key, field)} would overflow`);
  }
  return next;
}

const label = (key: string, field: string | undefined) =>
  field === undefined ? `'${key}'` : `'${key}' field '${field}'`;

const minus = 45;
const zero = 48;
const nine = 57;

/**
 * Redis' integer syntax, `/^(0|-?[1-9][0-9]*)$/`: no sign on zero, no leading zeros, no `+`.
 * Written out: every HINCRBY of the in-process store checks its counter.
 */
export function isRedisInteger(text: string): boolean {
  const length = text.length;
  const first = length > 0 && text.charCodeAt(0) === minus ? 1 : 0;
  if (first === length) return false;
  if (text.charCodeAt(first) === zero) return length === 1;
  for (let at = first; at < length; at += 1) {
    const code = text.charCodeAt(at);
    if (code < zero || code > nine) return false;
  }
  return true;
}
