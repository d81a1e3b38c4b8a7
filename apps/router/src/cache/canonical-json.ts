/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so two values
 * that mean the same give the same text whatever order their fields were written in. `URL`
 * and `Date` become strings; binary data becomes base64, as it travels on the wire.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof URL) return value.href;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value))
    return value.map((entry) => (entry === undefined ? null : normalise(entry)));
  // No prototype: a member named `__proto__` (JSON.parse makes it an own property) stays data.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = normalise(entry);
  }
  return sorted;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}
