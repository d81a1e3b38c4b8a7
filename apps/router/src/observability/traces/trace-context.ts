/** The W3C trace context a request came with. */
export interface ParentContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The parent of a request's spans from its `traceparent` header; undefined when absent, malformed
 * or all-zero (which the spec says to ignore).
 * @example parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
 */
export function parseTraceparent(header: string | undefined): ParentContext | undefined {
  const match = header === undefined ? null : traceparentPattern.exec(header.trim().toLowerCase());
  if (match === null) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/**
 * Random hex of `bytes` bytes: 16 for a trace id, 8 for a span id.
 * @example randomHex(8) // '00f067aa0ba902b7'
 */
export function randomHex(bytes: number): string {
  let hex = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(bytes)))
    hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Whether a trace id falls within `ratio` of all trace ids (its low 52 bits, so the same trace is
 * kept or dropped alike wherever it is decided).
 * @example withinRatio('4bf92f3577b34da6a3ce929d0e0e4736', 0.5)
 */
export function withinRatio(traceId: string, ratio: number): boolean {
  if (ratio >= 1) return true;
  if (ratio <= 0) return false;
  return Number.parseInt(traceId.slice(-13), 16) / 2 ** 52 < ratio;
}
