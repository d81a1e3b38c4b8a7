import type { RedisOutcome, RedisReply } from './redis-executor.ts';

/** A JSON value as Upstash puts it in `result`. */
export type UpstashResult = string | number | boolean | null | UpstashResult[];

export type UpstashEntry = { result: UpstashResult } | { error: string };

/**
 * Converts a Redis reply to Upstash's `result`. With `Upstash-Encoding: base64` every string is
 * sent base64-encoded except a top-level `OK` (the client passes that one through untouched and
 * base64-decodes everything else, nested arrays included); numbers and null stay as they are.
 */
export function toUpstashResult(
  reply: RedisReply,
  base64: boolean,
  topLevel = true,
): UpstashResult {
  if (reply === null || typeof reply === 'number' || typeof reply === 'boolean') return reply;
  if (typeof reply === 'bigint') {
    return Number.isSafeInteger(Number(reply)) ? Number(reply) : reply.toString();
  }
  if (Array.isArray(reply)) return reply.map((item) => toUpstashResult(item, base64, false));
  const bytes = reply instanceof Error ? Buffer.from(reply.message) : Buffer.from(reply);
  const text = bytes.toString('utf8');
  if (!base64 || (topLevel && text === 'OK')) return text;
  return bytes.toString('base64');
}

export function toUpstashEntry(outcome: RedisOutcome, base64: boolean): UpstashEntry {
  return 'error' in outcome
    ? { error: outcome.error.message }
    : { result: toUpstashResult(outcome.reply, base64) };
}
