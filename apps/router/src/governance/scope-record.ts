import type { ScopePolicy } from '../guardrails/policy/guardrails-schema.ts';

/**
 * A stored team or key as the router reads it. In the store each is a hash of strings
 * (`store-keys.ts`); `version` grows on every change, so a cached copy is checked against the
 * store on every request (the admission script compares versions) and never outlives an edit.
 */
export interface ScopeLimits {
  /** Budget in nanodollars (1e-9 USD) per period; undefined = no budget. */
  limitNanos?: number;
  /** UTC calendar period of the budget; undefined = for all time. */
  limitReset?: 'daily' | 'weekly' | 'monthly';
  rpm?: number;
  tpm?: number;
  maxParallel?: number;
  /** Aliases and `provider/model` patterns allowed; undefined = all. */
  models?: readonly string[];
}

/** What teams and keys share: the scope part of their records. */
export interface ScopeFields {
  name: string;
  limits: ScopeLimits;
  disabled: boolean;
  /** Epoch ms after which the scope refuses requests; undefined = never. */
  expiresAt?: number;
  /** `open` lets requests through unmetered when the store cannot answer; default from config. */
  onStoreUnavailable?: 'closed' | 'open';
  metadata: Record<string, unknown>;
  /** Guardrail rules and data policy of this scope, added to the gateway's; undefined = none. */
  guardrails?: ScopePolicy;
  createdAt: number;
  updatedAt: number;
  version: string;
}

export interface TeamRecord extends ScopeFields {
  id: string;
}

export type KeyRole = 'inference' | 'admin' | 'viewer';

export interface KeyRecord extends ScopeFields {
  /** HMAC-SHA256 of the key under the server secret, hex: how the record is found. */
  hash: string;
  /**
   * Whose spend and limits the key counts against: its own hash, or, for a key made by rotating
   * another, the first key's, so a rotation never starts a budget afresh.
   */
  scopeId: string;
  /** Masked, safe to show: `sk-sy-v1-…a3f9`. */
  label: string;
  role: KeyRole;
  /** The team the key belongs to; a management key with a team manages only that team. */
  teamId?: string;
  /** `clamp` lowers `max_tokens` to what the budget affords instead of refusing. */
  onInsufficient: 'reject' | 'clamp';
}

/** Nanodollars per US dollar: money is stored as integers. */
export const nanosPerDollar = 1_000_000_000;

export const toNanos = (dollars: number): number => Math.round(dollars * nanosPerDollar);
export const toDollars = (nanos: number): number => nanos / nanosPerDollar;
