import type { GuardedStore, StoreUnavailableError } from '../store/index.ts';
import { idempotencyStoreKey } from './idempotency-key.ts';
import { parseIdempotencyRecord, type StoredAnswer } from './idempotency-record.ts';

/** How long an answer is replayed for its key: the window clients retry in. */
export const replayWindowMs = 24 * 60 * 60 * 1000;

/** A claim outlives the attempt loop's whole budget by this much: admission, the answer's write. */
export const claimMarginMs = 60_000;

export interface IdempotencyStoreOptions {
  store: GuardedStore;
  /**
   * How long a running request holds its key: past the longest a request can run, so a
   * process that died mid-request does not block its key for the whole replay window.
   */
  claimTtlMs: number;
  /** Answers larger than this (serialized) are not kept; the key is released instead. */
  maxAnswerBytes: number;
  /** Default `replayWindowMs`. */
  replayTtlMs?: number;
}

/** The right to serve a key's request, held by the request that claimed it. */
export interface ClaimTicket {
  storeKey: string;
  fingerprint: string;
  /** The stored `running` record: only its holder may release it. */
  held: string;
}

/** What a request with a key may do: run (it holds the key), replay, or neither. */
export type ClaimResult =
  | { status: 'claimed'; ticket: ClaimTicket }
  | { status: 'replay'; answer: StoredAnswer }
  | { status: 'in_progress' }
  | { status: 'mismatch' }
  | { status: 'unavailable'; error: StoreUnavailableError | undefined };

/** Whether an answer was kept for its key's retries. */
export type KeepResult = 'stored' | 'too_large' | 'unavailable';

/**
 * Idempotency records in the store. A key is claimed atomically (set-if-absent) with a short
 * TTL while its first request runs; a successful answer then replaces the claim for the replay
 * window, and anything else releases it so a retry runs again. Records are per tenant.
 * @example
 * const keys = createIdempotencyStore({ store, claimTtlMs: 180_000, maxAnswerBytes: 1 << 20 });
 * const claim = await keys.claim('team-a', 'retry-1', fingerprint);
 * if (claim.status === 'claimed') await keys.keep(claim.ticket, answer);
 */
export function createIdempotencyStore(options: IdempotencyStoreOptions) {
  const { store, claimTtlMs, maxAnswerBytes } = options;
  const replayTtlMs = options.replayTtlMs ?? replayWindowMs;

  async function claim(tenant: string, key: string, fingerprint: string): Promise<ClaimResult> {
    const storeKey = idempotencyStoreKey(tenant, key);
    const held = JSON.stringify({ state: 'running', fingerprint, token: crypto.randomUUID() });
    // Twice at most: the record may expire between a refused claim and the read after it.
    for (let round = 0; round < 2; round++) {
      const claimed = await store.set(storeKey, held, { onlyIfAbsent: true, ttlMs: claimTtlMs });
      if (claimed.status === 'unavailable') return claimed;
      if (claimed.value) return { status: 'claimed', ticket: { storeKey, fingerprint, held } };
      const found = await store.get(storeKey);
      if (found.status === 'unavailable') return found;
      if (found.status === 'absent') continue;
      const record = parseIdempotencyRecord(found.value);
      // Only this router writes these keys; anything else there cannot be trusted either way.
      if (record === undefined) return { status: 'unavailable', error: undefined };
      if (record.fingerprint !== fingerprint) return { status: 'mismatch' };
      return record.state === 'running'
        ? { status: 'in_progress' }
        : { status: 'replay', answer: record.answer };
    }
    return { status: 'in_progress' };
  }

  /** Replaces the claim with the answer for the replay window (or releases it, if too large). */
  async function keep(ticket: ClaimTicket, answer: StoredAnswer): Promise<KeepResult> {
    const record = JSON.stringify({ state: 'done', fingerprint: ticket.fingerprint, answer });
    if (new TextEncoder().encode(record).byteLength > maxAnswerBytes) {
      await release(ticket);
      return 'too_large';
    }
    // A plain write: had the claim expired and another request taken the key, both ran anyway.
    const written = await store.set(ticket.storeKey, record, { ttlMs: replayTtlMs });
    return written.status === 'ok' ? 'stored' : 'unavailable';
  }

  /** Gives the key up, so a retry runs again; only while this request still holds it. */
  async function release(ticket: ClaimTicket): Promise<void> {
    await store.deleteIfEquals(ticket.storeKey, ticket.held);
  }

  return { claim, keep, release };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
