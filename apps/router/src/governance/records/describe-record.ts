import type { KeyRecord, TeamRecord } from '../scope-record.ts';
import { toDollars } from '../scope-record.ts';

const isoOrNull = (epochMs: number | undefined) =>
  epochMs === undefined ? null : new Date(epochMs).toISOString();

/** A team or key as the management API shows it and the audit log compares it: no secrets. */
function describeScope(record: TeamRecord | KeyRecord) {
  const { limits } = record;
  return {
    name: record.name,
    disabled: record.disabled,
    limit: limits.limitNanos === undefined ? null : toDollars(limits.limitNanos),
    limit_reset: limits.limitReset ?? null,
    rpm: limits.rpm ?? null,
    tpm: limits.tpm ?? null,
    max_parallel: limits.maxParallel ?? null,
    models: limits.models ?? null,
    expires_at: isoOrNull(record.expiresAt),
    on_store_unavailable: record.onStoreUnavailable ?? null,
    created_at: isoOrNull(record.createdAt),
    updated_at: isoOrNull(record.updatedAt),
    metadata: record.metadata,
    guardrails: record.guardrails ?? null,
  };
}

/**
 * A key as the management API shows it: its hash and masked label, never the key.
 * @example describeKey(record).label // 'sk-sy-v1-…a3f9'
 */
export function describeKey(record: KeyRecord) {
  return {
    hash: record.hash,
    label: record.label,
    ...describeScope(record),
    team_id: record.teamId ?? null,
    role: record.role,
    on_insufficient: record.onInsufficient,
  };
}
export type KeyView = ReturnType<typeof describeKey>;

/**
 * A team as the management API shows it.
 * @example describeTeam(record).limit // 25 (US dollars)
 */
export function describeTeam(record: TeamRecord) {
  return { id: record.id, ...describeScope(record) };
}
export type TeamView = ReturnType<typeof describeTeam>;

/** The fields an audit entry compares: what changed, not when. */
export function auditedFields(view: KeyView | TeamView): Record<string, unknown> {
  const { created_at: _created, updated_at: _updated, ...fields } = view;
  return fields;
}
