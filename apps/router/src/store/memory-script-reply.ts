/** A script's reply as Redis sends it: integers, strings, arrays of replies, and null. */
export type ScriptReply = number | string | null | ScriptReply[];

/**
 * Converts what a script's JavaScript twin returned the way Redis converts a Lua value: numbers
 * are cut to integers, true becomes 1, false, null and undefined become null, arrays convert
 * item by item. Anything else is a bug in the twin (Lua has no such reply) and throws.
 *
 * @example
 * toScriptReply([2.9, true, false, ['a']]); // [2, 1, null, ['a']]
 */
export function toScriptReply(value: unknown, scriptName: string): ScriptReply {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return 1;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value) || 0; // never -0
  if (Array.isArray(value)) return value.map((item) => toScriptReply(item, scriptName));
  throw new TypeError(
    `The twin of script '${scriptName}' returned a ${typeof value} that is not a Redis reply`,
  );
}
