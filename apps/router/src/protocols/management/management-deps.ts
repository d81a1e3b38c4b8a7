import type { Context } from 'hono';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
} from '../../errors/index.ts';
import { managementRights } from '../../governance/records/access.ts';
import type {
  ManagementContext,
  ManageResult,
} from '../../governance/records/management-result.ts';
import type { GuardedStore } from '../../store/store-result.ts';

/** What the management routes share, prepared once by `createApp`. */
export interface ManagementDeps {
  config: RouterConfig;
  store: GuardedStore;
  /** Stored keys are hashed under it; undefined: stored keys are off. */
  keySecret: Uint8Array | undefined;
  now: () => number;
  /** The caller's address for the audit log (see `RouterDeps.clientAddress`). */
  clientAddress?: (c: Context<RouterEnv>) => string | undefined;
}

/**
 * The plain context a management operation runs in: the store, the clock, the caller's team
 * limit and how the audit log names the caller and the request. Refuses writes to read-only keys.
 */
export function managementContext(
  c: Context<RouterEnv>,
  deps: ManagementDeps,
  access: 'read' | 'write',
): ManagementContext {
  const rights = managementRights(c.get('principal'));
  if (access === 'write' && !rights.canWrite) {
    throw new PermissionError('This management key is read-only (role viewer).');
  }
  const context: ManagementContext = {
    store: deps.store,
    now: deps.now(),
    auditRetentionDays: deps.config.governance.auditRetentionDays,
    audit: {
      actor: rights.actor,
      requestId: c.get('requestId') ?? null,
      ip: clientAddress(c, deps),
    },
  };
  if (rights.team !== undefined) context.team = rights.team;
  return context;
}

/**
 * The value of a successful operation; any other outcome ends the request with its error.
 * @example const record = succeeded(await updateKey(context, hash, patch));
 */
export function succeeded<Value>(result: ManageResult<Value>): Value {
  switch (result.status) {
    case 'ok':
      return result.value;
    case 'not_found':
      throw new NotFoundError(result.message);
    case 'invalid':
      throw new InvalidRequestError({ message: result.message, param: result.param });
    case 'forbidden':
      throw new PermissionError(result.message);
    case 'conflict':
      throw new ConflictError(result.message);
    case 'unavailable':
      throw result.error;
  }
}

/** The stored-key secret, or a 400 explaining how to turn stored keys on. */
export function requireKeySecret(deps: ManagementDeps): Uint8Array {
  if (deps.keySecret !== undefined) return deps.keySecret;
  throw new InvalidRequestError({
    message: 'Stored keys are off: set SWITCHYARD_KEY_SECRET (or SWITCHYARD_ADMIN_KEY).',
    code: 'stored_keys_off',
  });
}

const addressPattern = /^[0-9A-Fa-f:.]{2,45}$/;

/** The client's address as the runtime reports it; only text shaped like an IP address is kept. */
function clientAddress(c: Context<RouterEnv>, deps: ManagementDeps): string | null {
  const address = deps.clientAddress?.(c)?.trim();
  return address !== undefined && addressPattern.test(address) ? address : null;
}
