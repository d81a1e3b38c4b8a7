import type { EmbeddingModelV4Result } from '@ai-sdk/provider';

export type EncodingFormat = 'float' | 'base64';

/** OpenAI's `POST /v1/embeddings` response. */
export interface EmbeddingList {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** An embedding result in OpenAI's list shape; `base64` vectors are encoded as OpenAI does. */
export function convertToEmbeddingList(
  result: EmbeddingModelV4Result,
  model: string,
  encodingFormat: EncodingFormat,
): EmbeddingList {
  const tokens = result.usage?.tokens ?? 0;
  return {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encodingFormat === 'base64' ? encodeFloat32Base64(vector) : vector,
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/**
 * A vector as base64 of its little-endian float32 bytes: what OpenAI sends for
 * `encoding_format: "base64"`, and what the `openai` client asks for by default.
 * @example encodeFloat32Base64([1, -2]) // 'AACAPwAAAMA='
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [index, value] of vector.entries()) view.setFloat32(index * 4, value, true);
  return bytesToBase64(bytes);
}

/** Web-standard base64 (btoa), in slices so large vectors stay within argument limits. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
