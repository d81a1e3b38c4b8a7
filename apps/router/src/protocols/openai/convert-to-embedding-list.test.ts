import { describe, expect, it } from 'vitest';
import { convertToEmbeddingList, encodeFloat32Base64 } from './convert-to-embedding-list.ts';

/** Decodes like the `openai` client does: base64 -> bytes -> little-endian float32. */
function decodeFloat32Base64(base64: string): number[] {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getFloat32(index * 4, true));
}

describe('encodeFloat32Base64', () => {
  it('writes little-endian float32 bytes, as OpenAI does', () => {
    // 1.0f = 0x3f800000 -> 00 00 80 3f; -2.0f = 0xc0000000 -> 00 00 00 c0
    expect(encodeFloat32Base64([1, -2])).toBe('AACAPwAAAMA=');
    // 0.5f = 0x3f000000, -0.25f = 0xbe800000, 3.0f = 0x40400000
    expect(encodeFloat32Base64([0.5, -0.25, 3])).toBe('AAAAPwAAgL4AAEBA');
    expect(encodeFloat32Base64([])).toBe('');
  });

  it('round-trips to the float32 value of each component', () => {
    const vector = [0.1, -Math.SQRT1_2, 1e-8, 123.456];
    expect(decodeFloat32Base64(encodeFloat32Base64(vector))).toEqual(vector.map(Math.fround));
    expect(encodeFloat32Base64([0.1])).toBe('zczMPQ==');
  });

  it('encodes vectors larger than one btoa slice', () => {
    const vector = Array.from({ length: 10_000 }, (_, index) => index / 7);
    expect(decodeFloat32Base64(encodeFloat32Base64(vector))).toEqual(vector.map(Math.fround));
  });
});

describe('convertToEmbeddingList', () => {
  const result = {
    embeddings: [
      [0.5, -0.25],
      [1, -2],
    ],
    usage: { tokens: 7 },
    warnings: [],
  };

  it('lists one embedding per input with its index, the model and the usage', () => {
    expect(convertToEmbeddingList(result, 'mock/echo', 'float')).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -0.25] },
        { object: 'embedding', index: 1, embedding: [1, -2] },
      ],
      model: 'mock/echo',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
  });

  it('sends base64 vectors when asked', () => {
    const list = convertToEmbeddingList(result, 'mock/echo', 'base64');
    expect(list.data.map((item) => item.embedding)).toEqual(['AAAAPwAAgL4=', 'AACAPwAAAMA=']);
  });

  it('reports zero tokens when the provider reports no usage', () => {
    const list = convertToEmbeddingList({ embeddings: [[1]], warnings: [] }, 'm', 'float');
    expect(list.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
  });
});
