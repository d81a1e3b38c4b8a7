import type { ImageModelV4Result } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertToImagesResponse } from './convert-to-images-response.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const pngBase64 = 'iVBORw0KGgoAAAAA';
const jpegBase64 = '/9j/4AAQSkZJRg==';

const resultWith = (images: string[] | Uint8Array[], usage?: ImageModelV4Result['usage']) => ({
  images,
  warnings: [],
  usage,
  response: { timestamp: new Date(0), modelId: 'm', headers: undefined },
});

describe('convertToImagesResponse', () => {
  it('answers b64_json items, from base64 text or bytes alike', () => {
    expect(convertToImagesResponse(resultWith([pngBase64]), 'b64_json', 1700000000)).toEqual({
      created: 1700000000,
      data: [{ b64_json: pngBase64 }],
    });
    expect(convertToImagesResponse(resultWith([png]), 'b64_json', 1).data).toEqual([
      { b64_json: pngBase64 },
    ]);
  });

  it('answers data: URLs with the media type read from the bytes', () => {
    const response = convertToImagesResponse(resultWith([pngBase64, jpegBase64]), 'url', 1);
    expect(response.data).toEqual([
      { url: `data:image/png;base64,${pngBase64}` },
      { url: `data:image/jpeg;base64,${jpegBase64}` },
    ]);
  });

  it('reports usage in OpenAI names, totalling when the provider gives no total', () => {
    const usage = { inputTokens: 10, outputTokens: 30, totalTokens: undefined };
    expect(convertToImagesResponse(resultWith([pngBase64], usage), 'b64_json', 1).usage).toEqual({
      input_tokens: 10,
      output_tokens: 30,
      total_tokens: 40,
    });
  });
});
