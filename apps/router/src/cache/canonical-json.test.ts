import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The same value with its object keys in reverse order, at every depth. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).reverse()) {
    copy[key] = reversed((value as Record<string, unknown>)[key]);
  }
  return copy;
}

/** Object keys include the ones that trip up plain-object code. */
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', ''));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => number + 0),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: false }),
  ),
})).value;

describe('canonicalJson', () => {
  it('gives the same text whatever order the fields were written in', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(reversed(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('keeps every member: parsing the text gives back an equal value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('gives different text for values that differ', () => {
    fc.assert(
      fc.property(json, json, (left, right) => {
        const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
        fc.pre(!isDeepStrictEqual(asJson(left), asJson(right)));
        expect(canonicalJson(left)).not.toBe(canonicalJson(right));
      }),
    );
  });

  it('sorts keys at every depth, arrays keep their order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps a member named __proto__ as data', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson(value)).not.toBe(canonicalJson({ a: 2 }));
  });

  it('drops undefined members, as if they had not been written', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined array entries as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
  });

  it('writes a URL as its href and a Date as its ISO text', () => {
    expect(canonicalJson({ url: new URL('https://example.com/a b?x=1') })).toBe(
      '{"url":"https://example.com/a%20b?x=1"}',
    );
    expect(canonicalJson({ at: new Date('2026-11-21T10:05:00.000Z') })).toBe(
      '{"at":"2026-11-21T10:05:00.000Z"}',
    );
    expect(canonicalJson(new URL('https://example.com'))).toBe(
      canonicalJson('https://example.com/'),
    );
  });

  it('writes bytes as base64, the same as the string the wire would carry', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
        const base64 = Buffer.from(bytes).toString('base64');
        expect(canonicalJson({ data: bytes })).toBe(JSON.stringify({ data: base64 }));
      }),
      { numRuns: 30 },
    );
  });

  it('encodes bytes beyond the 32 KiB chunk boundary', () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 3 }, (_, index) => index % 251);
    expect(JSON.parse(canonicalJson(bytes))).toBe(Buffer.from(bytes).toString('base64'));
  });
});
