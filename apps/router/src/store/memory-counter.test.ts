import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToCounter, isRedisInteger } from './memory-counter.ts';
import { StoreRefusedError } from './store-refused-error.ts';

/** The syntax as Redis' docs and the first version of the check wrote it. */
const integerPattern = /^(0|-?[1-9][0-9]*)$/;

describe('isRedisInteger', () => {
  it('accepts what Redis reads as an integer and nothing else', () => {
    for (const text of ['0', '7', '-7', '1200', '-9007199254740991']) {
      expect(isRedisInteger(text)).toBe(true);
    }
    for (const text of ['', '-', '-0', '00', '07', '+7', '1.5', '1e3', ' 1', '1\n', '٣']) {
      expect(isRedisInteger(text)).toBe(false);
    }
  });

  it('agrees with the pattern on any text of digits, signs and others', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '9', '-', '+', '.', ' ', 'a', '\n'), { maxLength: 6 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (candidate) => {
        expect(isRedisInteger(candidate)).toBe(integerPattern.test(candidate));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('addToCounter', () => {
  it('adds to a missing or stored counter, naming the counter when it refuses', () => {
    expect(addToCounter(undefined, 2, 'k')).toBe(2);
    expect(addToCounter('-3', 5, 'k', 'f')).toBe(2);
    expect(() => addToCounter('x', 1, 'k', 'f')).toThrow(
      new StoreRefusedError("The value at 'k' field 'f' is not an integer"),
    );
    expect(() => addToCounter(String(Number.MAX_SAFE_INTEGER), 1, 'k')).toThrow(
      new StoreRefusedError("Incrementing 'k' would overflow"),
    );
  });
});
