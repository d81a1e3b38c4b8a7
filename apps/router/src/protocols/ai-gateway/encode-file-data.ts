import type { LanguageModelV4File, LanguageModelV4ReasoningFile } from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';

type FilePart = LanguageModelV4File | LanguageModelV4ReasoningFile;

/** JSON has no bytes: a generated file's `Uint8Array` travels as base64 text. */
export function encodeFileData<Part extends { type: string }>(part: Part): Part {
  if (!isFilePart(part)) return part;
  const { data } = part;
  if (data.type !== 'data' || typeof data.data === 'string') return part;
  return { ...part, data: { type: 'data', data: convertUint8ArrayToBase64(data.data) } };
}

function isFilePart<Part extends { type: string }>(part: Part): part is Part & FilePart {
  return part.type === 'file' || part.type === 'reasoning-file';
}
