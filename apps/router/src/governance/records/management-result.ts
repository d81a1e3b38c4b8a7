import type { GuardedStore } from '../../store/store-result.ts';
import type { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import type { AuditContext } from './audit-entry.ts';

/** What every management operation needs besides its own input. */
export interface ManagementContext {
  store: GuardedStore;
  /** Epoch ms of the request. */
  now: number;
  auditRetentionDays: number;
  audit: AuditContext;
  /** The one team a team-limited management key may manage; undefined = every team. */
  team?: string;
}

/** How a management operation ended; the protocol layer maps each to its HTTP answer. */
export type ManageResult<Value> =
  | { status: 'ok'; value: Value }
  | { status: 'not_found'; message: string }
  | { status: 'invalid'; message: string; param: string }
  | { status: 'forbidden'; message: string }
  | { status: 'conflict'; message: string }
  | { status: 'unavailable'; error: StoreUnavailableError };

/** A try that lost a race (a record changed between read and commit): read again and retry. */
export const retry = Symbol('retry');

const attempts = 3;

/**
 * Runs an optimistic read-check-commit up to three times; a try returns `retry` when its commit
 * found a record changed since it was read.
 * @example return withRetries(async () => { const read = ...; return committed ? ok : retry; });
 */
export async function withRetries<Value>(
  attempt: () => Promise<ManageResult<Value> | typeof retry>,
): Promise<ManageResult<Value>> {
  for (let count = 0; count < attempts; count++) {
    const result = await attempt();
    if (result !== retry) return result;
  }
  return {
    status: 'conflict',
    message: 'The record kept changing while this request tried to update it; try again.',
  };
}

export const notFound = (what: string): ManageResult<never> => ({
  status: 'not_found',
  message: `No ${what}.`,
});
