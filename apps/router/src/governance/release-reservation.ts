import type { GuardedStore } from '../store/store-result.ts';
import type { Reservation } from './admission.ts';
import { settle } from './settlement.ts';

/**
 * Undoes an admission whose answer never came back (the store was too slow): gives back the
 * reservation if the script ran, or marks its id so that a late run refuses to reserve. Each
 * step is atomic, so every interleaving with a late admission ends with nothing charged.
 * Resolves false when the store could not be reached (the reservation then expires at its
 * deadline, charged at its estimate).
 *
 * @example if (decision.status === 'unavailable') background(releaseReservation(store, decision.reservation, now, ttlMs));
 */
export async function releaseReservation(
  store: GuardedStore,
  reservation: Reservation,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const release = () =>
    settle(store, { reservation, actualNanos: 0, actualTokens: 0, now, thresholds: [] });
  const first = await release();
  if (first.status !== 'gone') return first.status === 'settled';
  // The admission has not run (or ran and expired): a marker under its id makes it refuse.
  const marked = await store.set(reservation.key, 'released', { ttlMs, onlyIfAbsent: true });
  if (marked.status !== 'ok') return false;
  if (marked.value) return true;
  // It ran in between: now it can be given back.
  const second = await release();
  return second.status !== 'unavailable';
}
