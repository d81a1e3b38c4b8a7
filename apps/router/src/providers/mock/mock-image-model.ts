import type { ImageModelV4 } from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { encodePng } from './encode-png.ts';
import { fnv1a } from './mock-embedding-model.ts';
import { createMockGate, type MockModelOptions } from './mock-faults.ts';
import { estimateTokens } from './mock-usage.ts';

export type MockImageModelOptions = MockModelOptions;

/** Side of the square images the mock draws, whatever `size` asked for. */
export const mockImageSide = 8;

/**
 * A deterministic image model: each image is an 8×8 PNG checkerboard in two colours derived
 * from the prompt, the image's index and the seed, returned as base64.
 *
 * @example
 * const model = createMockImageModel({ providerId: 'mock', modelId: 'echo', settings });
 * const { images } = await model.doGenerate({ prompt: 'a cat', n: 2, ...unsetOptions });
 */
export function createMockImageModel(options: MockImageModelOptions): ImageModelV4 {
  const { providerId, modelId } = options;
  const passGate = createMockGate(options);
  return {
    specificationVersion: 'v4',
    provider: `${providerId}.image`,
    modelId,
    maxImagesPerCall: 10,
    async doGenerate({ prompt = '', n, seed, abortSignal }) {
      await passGate(abortSignal);
      const inputTokens = estimateTokens(prompt);
      return {
        images: Array.from({ length: n }, (_, index) =>
          convertUint8ArrayToBase64(mockPng(`${seed ?? ''}:${index}:${prompt}`)),
        ),
        warnings: [],
        usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens },
        response: { timestamp: new Date(), modelId, headers: undefined },
      };
    },
  };
}

/** An 8×8 PNG checkerboard of 2×2 squares in a colour from the text's hash and its inverse. */
export function mockPng(text: string): Uint8Array {
  const hash = fnv1a(text);
  const colour = [hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff];
  const pixels = new Uint8Array(mockImageSide * mockImageSide * 3);
  for (let y = 0; y < mockImageSide; y++) {
    for (let x = 0; x < mockImageSide; x++) {
      const inverse = ((x >> 1) + (y >> 1)) % 2 === 1;
      const offset = (y * mockImageSide + x) * 3;
      colour.forEach((value, channel) => {
        pixels[offset + channel] = inverse ? 255 - value : value;
      });
    }
  }
  return encodePng(mockImageSide, mockImageSide, pixels);
}
