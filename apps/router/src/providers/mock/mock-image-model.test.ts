import { inflateSync } from 'node:zlib';
import type { ImageModelV4CallOptions } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './encode-png.ts';
import { createMockImageModel, mockImageSide, mockPng } from './mock-image-model.ts';
import { mockSettings as settings } from './test-support.ts';

const call = (options: Partial<ImageModelV4CallOptions> = {}): ImageModelV4CallOptions => ({
  prompt: 'a red lighthouse',
  n: 1,
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: {},
  ...options,
});

/** The chunks of a PNG, with each CRC checked. */
function readPng(bytes: Uint8Array) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    const typed = bytes.subarray(offset + 4, offset + 8 + length);
    expect(view.getUint32(offset + 8 + length)).toBe(crc32(typed));
    chunks.push({ type: new TextDecoder().decode(typed.subarray(0, 4)), data: typed.subarray(4) });
    offset += length + 12;
  }
  return chunks;
}

describe('encodePng', () => {
  it('writes a valid RGB PNG whose zlib data inflates to the filtered scanlines', () => {
    const pixels = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3]);
    const chunks = readPng(encodePng(2, 2, pixels));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...(chunks[0]?.data ?? [])]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    const raw = inflateSync(chunks[1]?.data ?? new Uint8Array());
    expect([...raw]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 1, 2, 3]);
  });

  it('splits image data larger than one stored deflate block', () => {
    const side = 160; // 160 * (160 * 3 + 1) bytes > 65,535
    const pixels = Uint8Array.from({ length: side * side * 3 }, (_, index) => index % 251);
    const idat = readPng(encodePng(side, side, pixels)).find((chunk) => chunk.type === 'IDAT');
    expect(inflateSync(idat?.data ?? new Uint8Array()).length).toBe(side * (side * 3 + 1));
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('the mock image model', () => {
  const model = createMockImageModel({ providerId: 'mock', modelId: 'echo', settings: settings() });

  it('draws n base64 PNGs, the same for the same prompt, index and seed', async () => {
    const first = await model.doGenerate(call({ n: 3 }));
    const second = await model.doGenerate(call({ n: 3 }));
    expect(first.images).toHaveLength(3);
    expect(second.images).toEqual(first.images);
    expect(new Set<unknown>(first.images).size).toBe(3);
    const other = await model.doGenerate(call({ seed: 7 }));
    expect(other.images[0]).not.toBe(first.images[0]);
    const bytes = convertBase64ToUint8Array(first.images[0] as string);
    const header = readPng(bytes)[0]?.data ?? new Uint8Array();
    expect(new DataView(header.buffer, header.byteOffset).getUint32(0)).toBe(mockImageSide);
    expect(bytes).toEqual(mockPng(':0:a red lighthouse'));
    expect(first.usage).toEqual({ inputTokens: 4, outputTokens: 0, totalTokens: 4 });
  });

  it('fails with the configured status like a provider would', async () => {
    const failing = createMockImageModel({
      providerId: 'mock',
      modelId: 'down',
      settings: settings({ errorStatus: 503 }),
    });
    const error = await Promise.resolve(failing.doGenerate(call())).catch((thrown) => thrown);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
  });
});
