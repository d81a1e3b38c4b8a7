import type { GuardedStore, StoreResult } from '../../store/store-result.ts';
import { governanceKeys } from '../store-keys.ts';
import { type AuditEntry, auditDayOf } from './audit-entry.ts';
import { commitScript } from './commit-script.ts';

/** One step of a change; checks (`expect`, `empty`) come before writes. */
export type CommitStep =
  /** The record at `key` still has `version` (undefined: it does not exist). */
  | { op: 'expect'; key: string; version: string | undefined }
  /** The hash at `key` has no fields. */
  | { op: 'empty'; key: string }
  /** Replaces the record at `key` with `fields`; the store sets its new `version`. */
  | { op: 'put'; key: string; fields: Readonly<Record<string, string>> }
  | { op: 'delete'; key: string }
  | { op: 'setField'; key: string; field: string; value: string }
  | { op: 'deleteField'; key: string; field: string };

/**
 * How a change ended: written with its audit entry (the new version of each record put, in order),
 * or not written at all because a check failed at `key`.
 */
export type CommitOutcome =
  | { status: 'committed'; versions: string[] }
  | { status: 'conflict' | 'not_empty'; key: string };

export interface Change {
  steps: readonly CommitStep[];
  /** Written in the same atomic step: a change is never stored without its audit entry. */
  audit: AuditEntry;
}

const dayMs = 86_400_000;

/**
 * Writes a change and its audit entry in one atomic store script, or nothing when a check fails.
 * @example
 * await commitChange(store, {
 *   steps: [{ op: 'expect', key: governanceKeys.team('research'), version: undefined },
 *           { op: 'put', key: governanceKeys.team('research'), fields }],
 *   audit,
 * }, { now: Date.now(), auditRetentionDays: 90 });
 */
export async function commitChange(
  store: GuardedStore,
  change: Change,
  options: { now: number; auditRetentionDays: number },
): Promise<StoreResult<CommitOutcome>> {
  const keys: string[] = [];
  const indexOf = (key: string): string => {
    const found = keys.indexOf(key);
    return String(found === -1 ? keys.push(key) : found + 1);
  };
  const args = [String(options.now)];
  for (const step of checksFirst(change.steps)) args.push(...stepArguments(step, indexOf));
  const audit = change.audit;
  const auditKey = governanceKeys.auditDay(auditDayOf(Date.parse(audit.time)));
  const ttlMs = String(options.auditRetentionDays * dayMs);
  args.push('append', indexOf(auditKey), audit.id, JSON.stringify(audit), ttlMs);
  const result = await store.runScript(commitScript, keys, args);
  if (result.status === 'unavailable') return result;
  const reply = result.value;
  if (reply.status === 'committed') return { status: 'ok', value: reply };
  return { status: 'ok', value: { status: reply.status, key: keys[reply.keyIndex] as string } };
}

function checksFirst(steps: readonly CommitStep[]): CommitStep[] {
  const isCheck = (step: CommitStep) => step.op === 'expect' || step.op === 'empty';
  return [...steps.filter(isCheck), ...steps.filter((step) => !isCheck(step))];
}

function stepArguments(step: CommitStep, indexOf: (key: string) => string): string[] {
  const index = indexOf(step.key);
  switch (step.op) {
    case 'expect':
      return ['expect', index, step.version ?? ''];
    case 'empty':
      return ['empty', index];
    case 'put': {
      // The script sets `version` itself.
      const fields = Object.entries(step.fields).filter(([field]) => field !== 'version');
      return ['put', index, String(fields.length), ...fields.flat()];
    }
    case 'delete':
      return ['del', index];
    case 'setField':
      return ['hset', index, step.field, step.value];
    case 'deleteField':
      return ['hdel', index, step.field];
  }
}
