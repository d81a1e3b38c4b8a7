import type { ImageModelV4Result } from '@ai-sdk/provider';
import { detectMediaType } from '@ai-sdk/provider-utils';
import { bytesToBase64 } from './convert-to-embedding-list.ts';

export type ImageResponseFormat = 'b64_json' | 'url';

/** OpenAI's `POST /v1/images/generations` response. */
export interface ImagesResponse {
  created: number;
  data: ({ b64_json: string } | { url: string })[];
  usage?: { input_tokens: number; output_tokens: number; total_tokens: number };
}

/**
 * An image result in OpenAI's shape. The router hosts no files: `url` answers carry the
 * image itself as a `data:` URL, with the media type read from the image's bytes.
 */
export function convertToImagesResponse(
  result: ImageModelV4Result,
  responseFormat: ImageResponseFormat,
  created: number = Math.floor(Date.now() / 1000),
): ImagesResponse {
  const data = result.images.map((image) => {
    const base64 = typeof image === 'string' ? image : bytesToBase64(image);
    if (responseFormat === 'b64_json') return { b64_json: base64 };
    const mediaType = detectMediaType({ data: base64, topLevelType: 'image' }) ?? 'image/png';
    return { url: `data:${mediaType};base64,${base64}` };
  });
  const response: ImagesResponse = { created, data };
  const { usage } = result;
  if (usage !== undefined) {
    const input = usage.inputTokens ?? 0;
    const output = usage.outputTokens ?? 0;
    response.usage = {
      input_tokens: input,
      output_tokens: output,
      total_tokens: usage.totalTokens ?? input + output,
    };
  }
  return response;
}
