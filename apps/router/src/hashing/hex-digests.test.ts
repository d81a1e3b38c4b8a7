import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, portableDigests, sha256Hex } from './hex-digests.ts';

describe('hex digests', () => {
  it('uses native crypto on Node', () => {
    expect(typeof process.getBuiltinModule).toBe('function');
  });

  it('match the portable ones on any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 80 }), (text, key) => {
        expect(sha256Hex(text)).toBe(portableDigests.sha256Hex(text));
        expect(hmacSha256Hex(key, text)).toBe(portableDigests.hmacSha256Hex(key, text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the published test vectors', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // RFC 4231 test case 2.
    expect(hmacSha256Hex(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
