/**
 * The sum of two sparse vectors as the record script's Lua writes it (`addVector` in
 * `vector-field.ts`): every `slot:value` pair the pattern `(%d+):(%-?%d+)` finds in either text,
 * summed by slot, in slot order, zero sums left out. The router writes both in one form (see
 * `CanonicalPairs`), so they merge in one pass that copies the pairs it does not sum; any other
 * text (a field written by hand) takes the Lua's own route.
 * @example mergeVectors('0:3,7:1200', '0:1,9:2') // '0:4,7:1200,9:2'
 */
export function mergeVectors(current: string, increment: string): string {
  return mergeCanonical(current, increment) ?? sumAndSort(current, increment);
}

/** The merge of two canonical texts (see `CanonicalPairs`), or undefined if either is not. */
function mergeCanonical(current: string, increment: string): string | undefined {
  const mine = new CanonicalPairs(current);
  const theirs = new CanonicalPairs(increment);
  let own = mine.next();
  let other = theirs.next();
  // Joined once at the end: a flat string, which the next merge of this field reads fastest.
  const parts: string[] = [];
  while (own === pair || other === pair) {
    if (own === invalid || other === invalid) return undefined;
    if (other !== pair || (own === pair && mine.slot < theirs.slot)) {
      parts.push(current.slice(mine.start, mine.end));
      own = mine.next();
    } else if (own !== pair || theirs.slot < mine.slot) {
      parts.push(increment.slice(theirs.start, theirs.end));
      other = theirs.next();
    } else {
      const sum = mine.value + theirs.value;
      if (sum !== 0) parts.push(`${mine.slot}:${sum}`);
      own = mine.next();
      other = theirs.next();
    }
  }
  return own === invalid || other === invalid ? undefined : parts.join(',');
}

const pair = 0;
const finished = 1;
const invalid = 2;
type Step = typeof pair | typeof finished | typeof invalid;

/**
 * Reads a vector in the form `encodeVector` and `VectorWriter` write, pair by pair: `slot:value`
 * pairs joined by commas, slots ascending, numbers of at most 15 digits without leading zeros, no
 * zero values. In that form the Lua's pattern finds exactly these pairs, each pair's text is how
 * the Lua would write it back, and sums of two values are exact.
 */
class CanonicalPairs {
  slot = -1;
  value = 0;
  /** Where the pair's text starts and ends. */
  start = 0;
  end = 0;
  private at = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  next(): Step {
    const { text } = this;
    const length = text.length;
    let at = this.at;
    if (at === length) return finished;
    // One pass, every read within the text (reading past its end slows the optimised code down).
    const start = at;
    let slot = 0;
    for (; at < length && isDigit(text.charCodeAt(at)); at += 1) {
      slot = slot * 10 + (text.charCodeAt(at) - zero);
    }
    if (!isCanonical(text, start, at, false) || at === length) return invalid;
    if (text.charCodeAt(at++) !== colon || at === length) return invalid;
    const negative = text.charCodeAt(at) === minus;
    if (negative) at += 1;
    const digits = at;
    let value = 0;
    for (; at < length && isDigit(text.charCodeAt(at)); at += 1) {
      value = value * 10 + (text.charCodeAt(at) - zero);
    }
    if (!isCanonical(text, digits, at, true) || slot <= this.slot) return invalid;
    this.slot = slot;
    this.value = negative ? -value : value;
    this.start = start;
    this.end = at;
    // A pair ends the text, or a comma and another pair follow it.
    if (at < length && (text.charCodeAt(at++) !== comma || at === length)) return invalid;
    this.at = at;
    return pair;
  }
}

const colon = 58;
const comma = 44;
const minus = 45;
const zero = 48;

const isDigit = (code: number) => code >= zero && code <= zero + 9;

/**
 * Whether the digits from `start` to `end` are an integer as the Lua writes one: 1 to 15 digits
 * (so sums are exact), no leading zero; a value (`nonZero`) is never 0.
 */
function isCanonical(text: string, start: number, end: number, nonZero: boolean): boolean {
  const digits = end - start;
  if (digits === 0 || digits > 15) return false;
  return text.charCodeAt(start) !== zero || (digits === 1 && !nonZero);
}

/** The Lua's route, step by step: every match summed by slot in a table, then sorted. */
function sumAndSort(current: string, increment: string): string {
  const sums = new Map<number, number>();
  for (const text of [current, increment]) {
    for (const [, slot, value] of text.matchAll(/(\d+):(-?\d+)/g)) {
      sums.set(Number(slot), (sums.get(Number(slot)) ?? 0) + Number(value));
    }
  }
  return [...sums.keys()]
    .sort((a, b) => a - b)
    .filter((slot) => sums.get(slot) !== 0)
    .map((slot) => `${slot}:${sums.get(slot)}`)
    .join(',');
}
