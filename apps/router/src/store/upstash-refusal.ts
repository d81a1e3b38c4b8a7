import { StoreRefusedError } from './store-refused-error.ts';

/**
 * How `@upstash/redis` reports one auto-pipelined command that Redis answered with an error: the
 * request itself succeeded (HTTP 200). Failed requests (network errors, HTTP 5xx, 401, unreadable
 * bodies) carry other messages.
 */
const commandFailed = 'Command failed: ';

/** Redis error codes about the command's arguments or the data at its key. */
const refusalCode = /^(?:ERR|WRONGTYPE) /;

/** Upstash's ERR replies for the whole database (quotas, connections): every command fails. */
const databaseWide =
  /^ERR (?:max (?:daily )?requests? limit exceeded|max concurrent connections exceeded|DB capacity quota exceeded)/i;

/**
 * A `StoreRefusedError` when Redis answered this command with an error about its arguments or
 * data (WRONGTYPE, ERR), so the guard's breaker does not count it; any other error unchanged,
 * including Redis states that fail every command (BUSY, LOADING, OOM, READONLY, ...).
 */
export function toStoreError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'UpstashError') return error;
  if (!error.message.startsWith(commandFailed)) return error;
  const reply = error.message.slice(commandFailed.length);
  if (!refusalCode.test(reply) || databaseWide.test(reply)) return error;
  return new StoreRefusedError(`Redis refused the command: ${reply}`, { cause: error });
}

/** `call`, with Redis' refusals of the command rethrown as `StoreRefusedError`. */
export async function refusalsFrom<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw toStoreError(error);
  }
}
