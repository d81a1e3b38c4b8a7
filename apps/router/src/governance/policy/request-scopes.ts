import type { ScopeLimitsInput } from '../../config/governance-schema.ts';
import type { RouterConfig } from '../../config/index.ts';
import type { Principal } from '../principal.ts';
import { type ScopeLimits, toNanos } from '../scope-record.ts';
import { governanceKeys, type ScopeRef } from '../store-keys.ts';

/** One scope a request must fit, with what admission needs to check it. */
export interface RequestScope {
  ref: ScopeRef;
  /** How errors and alerts name it: `key sk-sy-v1-…a3f9`, `team research`, `the gateway`. */
  label: string;
  limits: ScopeLimits;
  /** Stored scopes: the record admission checks for revocation and edits. */
  record?: { storeKey: string; version: string };
  onStoreUnavailable: 'closed' | 'open';
}

/**
 * The scopes of a request, narrowest first: its stored key and team (when it has them), the
 * gateway defaults, and the requested model's gateway-wide caps. Scopes with nothing to check are
 * left out, so a request of a config key to an unlimited gateway needs no store call at all.
 */
export function requestScopes(
  principal: Principal,
  config: RouterConfig,
  model: string,
): RequestScope[] {
  const { governance } = config;
  const fallback = governance.onStoreUnavailable;
  const scopes: RequestScope[] = [];
  if (principal.kind === 'key') {
    const { key, team } = principal;
    scopes.push({
      ref: { kind: 'key', id: key.scopeId },
      label: `key ${key.label}`,
      limits: key.limits,
      record: { storeKey: governanceKeys.key(key.hash), version: key.version },
      onStoreUnavailable: key.onStoreUnavailable ?? team?.onStoreUnavailable ?? fallback,
    });
    if (team !== undefined) {
      scopes.push({
        ref: { kind: 'team', id: team.id },
        label: `team ${team.id}`,
        limits: team.limits,
        record: { storeKey: governanceKeys.team(team.id), version: team.version },
        onStoreUnavailable: team.onStoreUnavailable ?? fallback,
      });
    }
  }
  const gateway = toScopeLimits(governance.defaults);
  if (hasLimits(gateway)) {
    scopes.push({
      ref: { kind: 'gateway' },
      label: 'the gateway',
      limits: gateway,
      onStoreUnavailable: fallback,
    });
  }
  const modelCaps = Object.hasOwn(governance.models, model) ? governance.models[model] : undefined;
  if (modelCaps !== undefined) {
    scopes.push({
      ref: { kind: 'model', id: model },
      label: `model ${model}`,
      limits: { rpm: modelCaps.rpm, tpm: modelCaps.tpm },
      onStoreUnavailable: fallback,
    });
  }
  return scopes;
}

/** True when the scope has a budget or a limit to enforce (not just an allowlist). */
export function hasLimits(limits: ScopeLimits): boolean {
  return (
    limits.limitNanos !== undefined ||
    limits.rpm !== undefined ||
    limits.tpm !== undefined ||
    limits.maxParallel !== undefined
  );
}

/** The config's dollars and snake_case as the router's scope limits. */
export function toScopeLimits(input: ScopeLimitsInput): ScopeLimits {
  const limits: ScopeLimits = {};
  if (input.limit != null) limits.limitNanos = toNanos(input.limit);
  if (input.limit_reset != null) limits.limitReset = input.limit_reset;
  if (input.rpm != null) limits.rpm = input.rpm;
  if (input.tpm != null) limits.tpm = input.tpm;
  if (input.max_parallel != null) limits.maxParallel = input.max_parallel;
  if (input.models != null) limits.models = input.models;
  return limits;
}
