import type { ScopePolicy } from '../../guardrails/policy/guardrails-schema.ts';
import type { KeyRecord, KeyRole, ScopeLimits, TeamRecord } from '../scope-record.ts';
import type { ManageResult } from './management-result.ts';

/** What an operator sets on a team or key, flat; undefined = not set. */
export interface ScopeSettings {
  name: string;
  limitNanos?: number;
  limitReset?: 'daily' | 'weekly' | 'monthly';
  rpm?: number;
  tpm?: number;
  maxParallel?: number;
  models?: readonly string[];
  disabled?: boolean;
  /** Epoch ms. */
  expiresAt?: number;
  onStoreUnavailable?: 'closed' | 'open';
  metadata?: Record<string, unknown>;
  guardrails?: ScopePolicy;
}

export interface KeySettings extends ScopeSettings {
  role?: KeyRole;
  teamId?: string;
  onInsufficient?: 'reject' | 'clamp';
}

/** A change to settings: a field left out stays, `null` clears it. */
export type SettingsPatch<Settings> = { [Field in keyof Settings]?: Settings[Field] | null };

/**
 * `settings` with `patch` applied.
 * @example applyPatch({ name: 'a', rpm: 10 }, { rpm: null }) // { name: 'a' }
 */
export function applyPatch<Settings extends object>(
  settings: Settings,
  patch: SettingsPatch<Settings>,
): Settings {
  const next: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as Settings;
}

/**
 * Why a team or key cannot be created with these settings, or undefined: one that has expired
 * already would never let anyone in (a `PATCH` may still expire an existing one at once).
 * @example expiredOnCreation({ name: 'ci', expiresAt: 0 }, Date.now()) // { status: 'invalid', ... }
 */
export function expiredOnCreation(
  settings: ScopeSettings,
  now: number,
): ManageResult<never> | undefined {
  if (settings.expiresAt === undefined || settings.expiresAt > now) return undefined;
  return {
    status: 'invalid',
    message: 'expires_at: is in the past; a new team or key would never work.',
    param: 'expires_at',
  };
}

type StoredScopeParts = Pick<
  TeamRecord,
  'name' | 'limits' | 'disabled' | 'expiresAt' | 'onStoreUnavailable' | 'metadata' | 'guardrails'
>;

/** The record parts settings decide (identity, times and version come from elsewhere). */
export function scopeFromSettings(settings: ScopeSettings): StoredScopeParts {
  const limits: ScopeLimits = {};
  if (settings.limitNanos !== undefined) limits.limitNanos = settings.limitNanos;
  if (settings.limitReset !== undefined) limits.limitReset = settings.limitReset;
  if (settings.rpm !== undefined) limits.rpm = settings.rpm;
  if (settings.tpm !== undefined) limits.tpm = settings.tpm;
  if (settings.maxParallel !== undefined) limits.maxParallel = settings.maxParallel;
  if (settings.models !== undefined) limits.models = [...settings.models];
  const scope: StoredScopeParts = {
    name: settings.name,
    limits,
    disabled: settings.disabled === true,
    metadata: settings.metadata ?? {},
  };
  if (settings.expiresAt !== undefined) scope.expiresAt = settings.expiresAt;
  if (settings.onStoreUnavailable !== undefined) {
    scope.onStoreUnavailable = settings.onStoreUnavailable;
  }
  if (settings.guardrails !== undefined) scope.guardrails = settings.guardrails;
  return scope;
}

/** The settings a team or key record carries, so a patch can be applied to them. */
export function settingsOfScope(record: TeamRecord | KeyRecord): ScopeSettings {
  const { limits } = record;
  const settings: ScopeSettings = {
    name: record.name,
    ...limits,
    disabled: record.disabled,
    metadata: record.metadata,
  };
  if (record.expiresAt !== undefined) settings.expiresAt = record.expiresAt;
  if (record.onStoreUnavailable !== undefined) {
    settings.onStoreUnavailable = record.onStoreUnavailable;
  }
  if (record.guardrails !== undefined) settings.guardrails = record.guardrails;
  return settings;
}

export function settingsOfKey(record: KeyRecord): KeySettings {
  const settings: KeySettings = {
    ...settingsOfScope(record),
    role: record.role,
    onInsufficient: record.onInsufficient,
  };
  if (record.teamId !== undefined) settings.teamId = record.teamId;
  return settings;
}
