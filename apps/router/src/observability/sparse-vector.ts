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
  scanEncoded(text, (index, value) => into.set(index, (into.get(index) ?? 0) + value));
  return into;
}

/** A vector as an array, slot by slot: what stats add hundreds of thousands of fields into. */
export type DenseVector = Float64Array;

/** Slots a dense vector holds (every rollup slot fits). */
export const denseSlots = 64;

export const denseVector = (): DenseVector => new Float64Array(denseSlots);

/**
 * `addEncoded` into a dense vector (slots past its length left out). The scan is written out
 * here rather than shared: a month of stats decodes millions of pairs, and a callback per pair
 * costs more than the decoding.
 * @example addEncodedDense(point, '0:1,7:1200')
 */
export function addEncodedDense(into: DenseVector, text: string): DenseVector {
  let index = 0;
  let value = 0;
  let sign = 1;
  let inValue = false;
  let digits = 0;
  const length = text.length;
  for (let at = 0; at <= length; at += 1) {
    const code = at < length ? text.charCodeAt(at) : 44;
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
      if (code === 44 && inValue && digits > 0 && index < into.length) {
        into[index] = (into[index] as number) + sign * value;
      }
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
 * Calls `take` with each well-formed `index:value` pair of `text`. A hand-written scan: stats
 * over a month decode hundreds of thousands of fields.
 */
function scanEncoded(text: string, take: (index: number, value: number) => void): void {
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
      if (code === 44 && inValue && digits > 0) take(index, sign * value);
      index = 0;
      value = 0;
      sign = 1;
      inValue = false;
      digits = 0;
    }
  }
}

/**
 * Writes a vector's wire form slot by slot: each amount rounded, zero and unsafe amounts left
 * out. Slots come in ascending order, each once, so nothing is sorted or summed.
 * @example
 * const vector = new VectorWriter();
 * vector.add(0, 1);
 * vector.add(7, 1_200.4);
 * vector.encoded(); // '0:1,7:1200'
 */
export class VectorWriter {
  private readonly parts: string[] = [];
  private last = -1;

  add(index: number, value: number): void {
    if (index <= this.last) throw new RangeError(`Slot ${index} written after slot ${this.last}`);
    this.last = index;
    const rounded = Math.round(value);
    if (rounded !== 0 && Number.isSafeInteger(rounded)) this.parts.push(`${index}:${rounded}`);
  }

  /** Joined once: a flat string, which the record script's merge reads fastest. */
  encoded(): string {
    return this.parts.join(',');
  }
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
