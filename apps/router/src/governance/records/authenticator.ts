import { sha256Hex } from '../../hashing/hex-digests.ts';
import { createLru } from '../../lru/create-lru.ts';
import type { GuardedStore } from '../../store/store-result.ts';
import type { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import type { Principal } from '../principal.ts';
import { hashApiKey, isStoredKeyFormat } from './key-material.ts';
import { loadPrincipal, type PrincipalLookup } from './load-principal.ts';

/** Why a presented key lets nobody in; `unknown` covers every key the gateway does not know. */
export type RejectionReason =
  | 'unknown'
  | 'key_disabled'
  | 'key_expired'
  | 'team_disabled'
  | 'team_expired';

export type Authentication =
  | { status: 'authenticated'; principal: Principal }
  | { status: 'rejected'; reason: RejectionReason }
  | { status: 'unavailable'; error: StoreUnavailableError };

export interface Authenticator {
  /**
   * Who `presented` is. Stored keys come from a short-lived cache unless `fresh` is set: only
   * routes whose admission script compares the cached `version` with the store may skip the read.
   */
  authenticate(presented: string, options?: { fresh?: boolean }): Promise<Authentication>;
  /** Re-reads a stored key and its team (the admission script found them stale) and caches them. */
  reload(hash: string): Promise<PrincipalLookup>;
}

export interface AuthenticatorOptions {
  /** The root key; undefined or empty: no root. */
  adminKey?: string;
  /** Keys listed in the config, already resolved: each lets in its tenant. */
  staticKeys?: readonly { key: string; tenant: string }[];
  /** The secret stored keys are hashed under; without it (or a store), stored keys are off. */
  keySecret?: Uint8Array;
  store?: GuardedStore;
  /** Epoch ms (default `Date.now`): expiry and cache age. */
  now?: () => number;
  /** Stored keys kept in memory (default 1,000) and for how long (default 5 s). */
  cache?: { maxEntries?: number; ttlMs?: number };
}

const digest = sha256Hex;

/**
 * Authenticates presented API keys: the root key and config keys by SHA-256 digest (no store),
 * stored keys by HMAC through the store. Only digests and hashes stay in memory, never key text.
 *
 * @example
 * const authenticator = createAuthenticator({ adminKey, keySecret, store });
 * const result = await authenticator.authenticate(bearer, { fresh: true });
 * if (result.status === 'authenticated') result.principal.kind; // 'root' | 'static' | 'key'
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const now = options.now ?? Date.now;
  const ttlMs = options.cache?.ttlMs ?? 5_000;
  const cached = createLru<string, { principal: Principal & { kind: 'key' }; readAt: number }>(
    options.cache?.maxEntries ?? 1_000,
  );
  const known = new Map<string, Principal>();
  // Presented keys are trimmed, so configured ones are too (a variable often ends in a newline).
  for (const { key, tenant } of options.staticKeys ?? []) {
    if (key.trim()) known.set(digest(key.trim()), { kind: 'static', tenant });
  }
  const adminKey = options.adminKey?.trim();
  if (adminKey) known.set(digest(adminKey), { kind: 'root' });
  const { keySecret, store } = options;

  async function reload(hash: string): Promise<PrincipalLookup> {
    if (store === undefined) return { status: 'absent' };
    const lookup = await loadPrincipal(store, hash);
    if (lookup.status === 'found') cached.set(hash, { principal: lookup.principal, readAt: now() });
    if (lookup.status === 'absent') cached.delete(hash);
    return lookup;
  }

  return {
    reload,
    async authenticate(presented, { fresh = false } = {}) {
      const configured = known.get(digest(presented));
      if (configured !== undefined) return { status: 'authenticated', principal: configured };
      if (keySecret === undefined || !isStoredKeyFormat(presented)) {
        return { status: 'rejected', reason: 'unknown' };
      }
      const hash = hashApiKey(keySecret, presented);
      const hit = fresh ? undefined : cached.get(hash);
      if (hit !== undefined && now() - hit.readAt < ttlMs) return admit(hit.principal, now());
      const lookup = await reload(hash);
      if (lookup.status === 'unavailable') return lookup;
      if (lookup.status === 'absent') return { status: 'rejected', reason: 'unknown' };
      return admit(lookup.principal, now());
    },
  };
}

/** A stored key lets its holder in while neither it nor its team is disabled or expired. */
function admit(principal: Principal & { kind: 'key' }, now: number): Authentication {
  const { key, team } = principal;
  if (key.disabled) return { status: 'rejected', reason: 'key_disabled' };
  if (key.expiresAt !== undefined && key.expiresAt <= now) {
    return { status: 'rejected', reason: 'key_expired' };
  }
  if (team?.disabled) return { status: 'rejected', reason: 'team_disabled' };
  if (team?.expiresAt !== undefined && team.expiresAt <= now) {
    return { status: 'rejected', reason: 'team_expired' };
  }
  return { status: 'authenticated', principal };
}
