import { isRefusalReply, type ReplyOrigin } from './redis-refusal.ts';
import { StoreRefusedError } from './store-refused-error.ts';

/**
 * How `@upstash/redis` reports one auto-pipelined command that Redis answered with an error: the
 * request itself succeeded (HTTP 200). Failed requests (network errors, HTTP 5xx, 401, unreadable
 * bodies) carry other messages.
 */
const commandFailed = 'Command failed: ';

/** Redis' error reply to one auto-pipelined command, or undefined for any other error. */
export function upstashReply(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'UpstashError') return undefined;
  if (!error.message.startsWith(commandFailed)) return undefined;
  return error.message.slice(commandFailed.length);
}

/**
 * A `StoreRefusedError` when Redis answered this command with an error about its arguments or
 * data (see `isRefusalReply`), so the guard's breaker does not count it; any other error
 * unchanged, including Redis states that fail every command (BUSY, LOADING, OOM, READONLY, ...).
 */
export function toStoreError(error: unknown, origin: ReplyOrigin = 'command'): unknown {
  const reply = upstashReply(error);
  if (reply === undefined || !isRefusalReply(reply, origin)) return error;
  return new StoreRefusedError(`Redis refused the command: ${reply}`, { cause: error });
}

/** `call`, with Redis' refusals of the command rethrown as `StoreRefusedError`. */
export async function refusalsFrom<T>(
  call: Promise<T>,
  origin: ReplyOrigin = 'command',
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw toStoreError(error, origin);
  }
}
