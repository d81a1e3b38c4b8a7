import { describe, expect, it } from 'vitest';
import { maxMatchLength } from './regex-max-length.ts';

describe('maxMatchLength', () => {
  it.each([
    ['TICKET-[0-9]{4,8}', 15],
    ['(?:ab|cde)?x{2}', 5],
    ['a|bcd|ef', 3],
    ['\\d{3}-\\d{2}-\\d{4}', 11],
    ['(?<id>[A-Z]{2})\\b', 2],
    ['foo(?=bar)', 6],
    ['\\u0041\\x42\\cJ', 3],
    ['(?:a{2}){3}', 6],
    ['^$', 0],
    ['[\\]a-z]{0,4}', 4],
    ['x{,3}', 5],
  ])('bounds %s by %i', (source, length) => {
    expect(maxMatchLength(source, false)).toBe(length);
  });

  it.each(['secret-\\w+', 'a*', 'x{2,}', '(a)\\1', '(?<n>a)\\k<n>'])(
    'finds %s unbounded',
    (source) => {
      expect(maxMatchLength(source, false)).toBe(Number.POSITIVE_INFINITY);
    },
  );

  it('counts two code units for a class or dot under the u flag', () => {
    expect(maxMatchLength('.[a-z]\\p{L}', true)).toBe(6);
    expect(maxMatchLength('.[a-z]', false)).toBe(2);
  });
});
