const idPattern = /^req_([0-9a-f]{12})[0-9a-f]{20}$/;

/**
 * A request id that carries its time: `req_`, 12 hex digits of the epoch ms, then 20 random hex
 * digits (80 bits), as in UUIDv7. Ids sort by time, and a stored record is found from its id
 * alone (its minute names the bucket that holds it).
 * @example newRequestId(Date.UTC(2026, 11, 6)) // 'req_019af3…'
 */
export function newRequestId(now: number): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  let hex = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  for (const byte of random) hex += byte.toString(16).padStart(2, '0');
  return `req_${hex}`;
}

/**
 * The epoch ms an id from `newRequestId` was made at; undefined for anything else.
 * @example requestIdTime(newRequestId(1_800_000_000_000)) // 1800000000000
 */
export function requestIdTime(id: string): number | undefined {
  const match = idPattern.exec(id);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}
