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
 * Adds the vector written in `text` into `into` (a field that does not parse adds nothing).
 * @example addEncoded(totals, '0:1,7:1200')
 */
export function addEncoded(into: SparseVector, text: string): SparseVector {
  for (const pair of text.split(',')) {
    const colon = pair.indexOf(':');
    if (colon <= 0) continue;
    const index = Number(pair.slice(0, colon));
    const value = Number(pair.slice(colon + 1));
    if (Number.isSafeInteger(index) && Number.isSafeInteger(value)) {
      into.set(index, (into.get(index) ?? 0) + value);
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
