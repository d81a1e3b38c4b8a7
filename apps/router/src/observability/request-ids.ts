const idPattern = /^req_([0-9a-f]{12})[0-9a-f]{20}$/;

/**
 * A request id that carries its time: `req_`, 12 hex digits of the epoch ms, then 20 random hex
 * digits (80 bits), as in UUIDv7. Ids sort by time, and a stored record is found from its id
 * alone (its minute names the bucket that holds it).
 * @example newRequestId(Date.UTC(2026, 11, 6)) // 'req_019af3…'
 */
export function newRequestId(now: number): string {
  // randomUUID is far cheaper than getRandomValues on Node (it draws entropy in batches); its
  // dashes and the version and variant digits (13th and 17th) carry no randomness.
  const uuid = crypto.randomUUID();
  const random = `${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(15, 18)}${uuid.slice(20, 23)}${uuid.slice(24, 26)}`;
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  return `req_${time}${random}`;
}

/**
 * The epoch ms an id from `newRequestId` was made at; undefined for anything else.
 * @example requestIdTime(newRequestId(1_800_000_000_000)) // 1800000000000
 */
export function requestIdTime(id: string): number | undefined {
  const match = idPattern.exec(id);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}
