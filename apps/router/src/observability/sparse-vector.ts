/**
 * Counters kept as one hash field each: a sparse vector of integers written `index:value,...`
 * in index order (`0:3,7:1200,18:2`). The record script adds an increment vector to a field in
 * one step, so a request updates one field per rollup instead of one per counter, and a rollup
 * read returns a few fields per group instead of dozens.
 */
export type SparseVector = Map<number, number>;

/**
 * The wire form of `values` (zeros left out).
 * @example encodeVector(new Map([[0, 1], [7, 1200]])) // '0:1,7:1200'
 */
export function encodeVector(values: ReadonlyMap<number, number>): string {
  const parts: string[] = [];
  for (const index of [...values.keys()].sort((a, b) => a - b)) {
    const value = values.get(index) ?? 0;
    if (value !== 0) parts.push(`${index}:${value}`);
  }
  return parts.join(',');
}

/**
 * Adds the vector written in `text` into `into` (a field that does not parse adds nothing). A
 * hand-written scan: stats over a month decode hundreds of thousands of these.
 * @example addEncoded(totals, '0:1,7:1200')
 */
export function addEncoded(into: SparseVector, text: string): SparseVector {
  let index = 0;
  let value = 0;
  let sign = 1;
  let inValue = false;
  let digits = 0;
  for (let at = 0; at <= text.length; at += 1) {
    const code = at < text.length ? text.charCodeAt(at) : 44;
    if (code >= 48 && code <= 57) {
      if (inValue) value = value * 10 + (code - 48);
      else index = index * 10 + (code - 48);
      digits += 1;
    } else if (code === 58 && !inValue && digits > 0) {
      inValue = true;
      digits = 0;
    } else if (code === 45 && inValue && digits === 0) {
      sign = -1;
    } else {
      // A comma (or the end) closes a pair; anything else spoils it.
      if (code === 44 && inValue && digits > 0)
        into.set(index, (into.get(index) ?? 0) + sign * value);
      index = 0;
      value = 0;
      sign = 1;
      inValue = false;
      digits = 0;
    }
  }
  return into;
}

/**
 * Adds `value` at `index` (a safe integer, rounded).
 * @example add(vector, slots.requests, 1)
 */
export function add(vector: SparseVector, index: number, value: number): void {
  const rounded = Math.round(value);
  if (rounded === 0 || !Number.isSafeInteger(rounded)) return;
  vector.set(index, (vector.get(index) ?? 0) + rounded);
}

/**
 * Which bucket of an explicit-boundary histogram `value` falls in: the first whose upper bound
 * is at least `value`, or the overflow bucket (`boundaries.length`).
 * @example bucketOf([1, 4, 16], 5) // 2
 */
export function bucketOf(boundaries: readonly number[], value: number): number {
  const index = boundaries.findIndex((bound) => value <= bound);
  return index === -1 ? boundaries.length : index;
}
