import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEncoded, bucketOf, encodeVector, VectorWriter } from './sparse-vector.ts';

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

  it('write amounts rounded, in slot order, without zeros or unsafe amounts', () => {
    const vector = new VectorWriter();
    vector.add(2, 1.6);
    vector.add(3, 0.2);
    vector.add(5, 2 ** 60);
    vector.add(9, -4);
    expect(vector.encoded()).toBe('2:2,9:-4');
    expect(new VectorWriter().encoded()).toBe('');
    expect(() => vector.add(9, 1)).toThrow(RangeError);
  });

  it('write what adding into a map and encoding it writes', () => {
    // The first version: amounts added into a Map, then encoded (sorted, zeros left out).
    const reference = (amounts: [number, number][]) => {
      const vector = new Map<number, number>();
      for (const [index, value] of amounts) {
        const rounded = Math.round(value);
        if (rounded === 0 || !Number.isSafeInteger(rounded)) continue;
        vector.set(index, (vector.get(index) ?? 0) + rounded);
      }
      return encodeVector(vector);
    };
    const amount = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant(-0.4));
    fc.assert(
      fc.property(fc.dictionary(fc.nat({ max: 80 }).map(String), amount), (values) => {
        const amounts = Object.entries(values)
          .map(([index, value]) => [Number(index), value] as [number, number])
          .sort(([a], [b]) => a - b);
        const vector = new VectorWriter();
        for (const [index, value] of amounts) vector.add(index, value);
        expect(vector.encoded()).toBe(reference(amounts));
      }),
    );
  });

  it('put a value in the first bucket whose bound holds it, or the overflow', () => {
    expect(bucketOf([1, 4, 16], 0)).toBe(0);
    expect(bucketOf([1, 4, 16], 4)).toBe(1);
    expect(bucketOf([1, 4, 16], 5)).toBe(2);
    expect(bucketOf([1, 4, 16], 17)).toBe(3);
  });
});
