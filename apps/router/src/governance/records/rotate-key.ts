import type { KeyRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import { createAuditEntry } from './audit-entry.ts';
import { type CommitStep, commitChange } from './commit-change.ts';
import { type CreatedKey, newKeyRecord } from './create-key.ts';
import { generateApiKey, hashApiKey, keyLabel } from './key-material.ts';
import { encodeKeyRecord } from './key-record-codec.ts';
import type { ManagementContext, ManageResult } from './management-result.ts';
import { settingsOfKey } from './settings.ts';
import { indexSteps } from './team-membership.ts';
import { readManagedKey } from './update-key.ts';

const isoOrNull = (epochMs: number | undefined) =>
  epochMs === undefined ? null : new Date(epochMs).toISOString();

/**
 * Replaces a key with a new one of the same settings and scope id (so its spend carries over);
 * the old key expires after `graceMs` (0: at once), or sooner if it already would. A disabled or
 * expired key is not rotated (its successor would inherit that), and a rotation that finds the key
 * changed since it read it is not retried: the change may be another rotation, whose retired key
 * would hand its grace expiry on to a second successor.
 * @example const rotated = await rotateKey(context, hash, 3_600_000, secret);
 */
export async function rotateKey(
  context: ManagementContext,
  hash: string,
  graceMs: number,
  secret: Uint8Array,
): Promise<ManageResult<CreatedKey>> {
  const current = await readManagedKey(context, hash);
  if (current.status !== 'ok') return current;
  const before = current.value;
  const refusal = rotationRefusal(before, context.now);
  if (refusal !== undefined) return { status: 'conflict', message: refusal };
  const key = generateApiKey();
  const newHash = hashApiKey(secret, key);
  const identity = { hash: newHash, scopeId: before.scopeId, label: keyLabel(key) };
  const successor = newKeyRecord(settingsOfKey(before), identity, context.now);
  const expiresAt = Math.min(before.expiresAt ?? Number.POSITIVE_INFINITY, context.now + graceMs);
  const retired = { ...before, expiresAt, updatedAt: context.now };
  const steps: CommitStep[] = [
    { op: 'expect', key: governanceKeys.key(hash), version: before.version },
    { op: 'expect', key: governanceKeys.key(newHash), version: undefined },
    { op: 'put', key: governanceKeys.key(hash), fields: encodeKeyRecord(retired) },
    { op: 'put', key: governanceKeys.key(newHash), fields: encodeKeyRecord(successor) },
    ...indexSteps(newHash, undefined, successor.teamId),
  ];
  const audit = createAuditEntry(context.audit, context.now, {
    action: 'key.rotate',
    resource: `key:${hash}`,
    changes: {
      expires_at: { old: isoOrNull(before.expiresAt), new: isoOrNull(expiresAt) },
      successor: { old: null, new: `key:${newHash}` },
    },
    teamId: before.teamId,
  });
  const outcome = await commitChange(context.store, { steps, audit }, context);
  if (outcome.status === 'unavailable') return outcome;
  if (outcome.value.status !== 'committed') {
    return {
      status: 'conflict',
      message: 'The key changed while it was being rotated; read it and rotate again if needed.',
    };
  }
  const version = outcome.value.versions[1] ?? '';
  return { status: 'ok', value: { record: { ...successor, version }, key } };
}

/** Why a key may not be rotated, or undefined when it may. */
function rotationRefusal(key: KeyRecord, now: number): string | undefined {
  if (key.disabled) {
    return 'This key is disabled, and its successor would be too; enable it first or create a new key.';
  }
  if (key.expiresAt !== undefined && key.expiresAt <= now) {
    return 'This key has expired, and its successor would have too; extend expires_at first or create a new key.';
  }
  return undefined;
}
