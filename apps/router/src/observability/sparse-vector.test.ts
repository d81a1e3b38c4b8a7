import { describe, expect, it } from 'vitest';
import { add, addEncoded, bucketOf, encodeVector } from './sparse-vector.ts';

describe('sparse vectors', () => {
  it('encode in slot order without zeros, and add back what they encode', () => {
    const vector = new Map([
      [7, 1_200],
      [0, 1],
      [3, 0],
      [46, -5],
    ]);
    expect(encodeVector(vector)).toBe('0:1,7:1200,46:-5');
    expect(addEncoded(new Map([[0, 2]]), '0:1,7:1200,46:-5')).toEqual(
      new Map([
        [0, 3],
        [7, 1_200],
        [46, -5],
      ]),
    );
  });

  it('skip pairs that do not parse and keep the rest', () => {
    expect(addEncoded(new Map(), '0:1,x:2,3:,:4,5:6,7:8z,9:-1')).toEqual(
      new Map([
        [0, 1],
        [5, 6],
        [9, -1],
      ]),
    );
    expect(addEncoded(new Map(), '')).toEqual(new Map());
  });

  it('add rounded amounts and ignore zeros', () => {
    const vector = new Map<number, number>();
    add(vector, 2, 1.6);
    add(vector, 3, 0.2);
    expect(vector).toEqual(new Map([[2, 2]]));
  });

  it('put a value in the first bucket whose bound holds it, or the overflow', () => {
    expect(bucketOf([1, 4, 16], 0)).toBe(0);
    expect(bucketOf([1, 4, 16], 4)).toBe(1);
    expect(bucketOf([1, 4, 16], 5)).toBe(2);
    expect(bucketOf([1, 4, 16], 17)).toBe(3);
  });
});
