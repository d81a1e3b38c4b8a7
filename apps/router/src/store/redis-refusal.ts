/** Where an error reply came from: a plain command, or a script (EVAL, EVALSHA). */
export type ReplyOrigin = 'command' | 'script';

/** Redis error codes about the command's arguments or the data at its key. */
const refusalCode = /^(?:ERR|WRONGTYPE) /;

/**
 * Error codes that say the server cannot run commands now (or not for us), whichever command it
 * is: a script that raises one of these is not refused, the store is unavailable.
 */
const serverStateCodes = new Set([
  'ASK',
  'BUSY',
  'CLUSTERDOWN',
  'EXECABORT',
  'LOADING',
  'MASTERDOWN',
  'MISCONF',
  'MOVED',
  'NOAUTH',
  'NOPERM',
  'NOREPLICAS',
  'NOSCRIPT',
  'OOM',
  'READONLY',
  'TRYAGAIN',
  'WRONGPASS',
]);

/** ERR replies that fail every command (Upstash quotas, Redis' client limit). */
const databaseWide =
  /^ERR (?:max (?:daily )?requests? limit exceeded|max concurrent connections exceeded|DB capacity quota exceeded|max number of clients reached)/i;

/**
 * Whether Redis' error reply refuses this call for its arguments or data (so the store itself is
 * fine). Commands refuse with ERR or WRONGTYPE. Scripts may also refuse with a code of their own:
 * `redis.error_reply('LIMIT reached')` answers `LIMIT reached`, so for them every code counts
 * except the server states above.
 *
 * @example
 * isRefusalReply('WRONGTYPE Operation against a key holding the wrong kind of value', 'command'); // true
 * isRefusalReply('LIMIT the cap is reached', 'script'); // true
 * isRefusalReply('BUSY Redis is busy running a script.', 'script'); // false
 */
export function isRefusalReply(reply: string, origin: ReplyOrigin): boolean {
  if (databaseWide.test(reply)) return false;
  if (origin === 'command') return refusalCode.test(reply);
  const code = reply.split(' ', 1)[0] ?? '';
  return !serverStateCodes.has(code);
}

/** Whether the error reply to EVALSHA says the server does not have the script (load it again). */
export function isMissingScript(reply: string | undefined): boolean {
  return reply !== undefined && /^NOSCRIPT\b/i.test(reply);
}
