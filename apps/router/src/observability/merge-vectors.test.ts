import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeVectors } from './merge-vectors.ts';

/** The twin's first version, a line-by-line copy of the Lua: regex pairs, a Map, then a sort. */
function reference(current: string, increment: string): string {
  const sums = new Map<number, number>();
  const take = (text: string) => {
    for (const [, index, value] of text.matchAll(/(\d+):(-?\d+)/g)) {
      const slot = Number(index);
      sums.set(slot, (sums.get(slot) ?? 0) + Number(value));
    }
  };
  take(current);
  take(increment);
  return [...sums.keys()]
    .sort((a, b) => a - b)
    .filter((slot) => sums.get(slot) !== 0)
    .map((slot) => `${slot}:${sums.get(slot)}`)
    .join(',');
}

/** A vector as the router writes one: ascending slots, no zeros; few slots, so they meet. */
const stored = fc
  .dictionary(
    fc.nat({ max: 20 }).map(String),
    fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
      fc.maxSafeInteger(),
    ),
  )
  .map((values) =>
    Object.entries(values)
      .map(([slot, value]) => [Number(slot), value] as const)
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => a - b)
      .map(([slot, value]) => `${slot}:${value}`)
      .join(','),
  );

/** Any text made of the characters a vector is written with, and a few others. */
const scrawl = fc
  .array(fc.constantFrom('0', '1', '7', '9', '12', ':', '-', ',', 'x', ' ', '0000000000000000042'))
  .map((parts) => parts.join(''));

describe('mergeVectors', () => {
  it('sums two stored vectors by slot, in slot order, without zeros', () => {
    expect(mergeVectors('0:3,7:1200,9:-2', '0:1,9:2,40:5')).toBe('0:4,7:1200,40:5');
    expect(mergeVectors('', '0:1')).toBe('0:1');
    expect(mergeVectors('0:1', '')).toBe('0:1');
    expect(mergeVectors('', '')).toBe('');
  });

  it('reads unsorted, repeated and malformed pairs as the Lua pattern does', () => {
    expect(mergeVectors('7:1,0:2,7:1', 'x3:4,5:,:6,1:2:3,8:--1,9:-1')).toBe('0:2,1:2,3:4,7:2,9:-1');
    expect(mergeVectors('007:1', '7:1')).toBe('7:2');
  });

  it('agrees with the reference on stored vectors', () => {
    fc.assert(
      fc.property(stored, stored, (current, increment) => {
        expect(mergeVectors(current, increment)).toBe(reference(current, increment));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with the reference on any text', () => {
    fc.assert(
      fc.property(fc.oneof(scrawl, stored), fc.oneof(scrawl, stored), (current, increment) => {
        expect(mergeVectors(current, increment)).toBe(reference(current, increment));
      }),
      { numRuns: 5_000 },
    );
  });
});
