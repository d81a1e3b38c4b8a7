import type { LanguageModelV4Prompt, SharedV4FileData } from '@ai-sdk/provider';
import { InvalidRequestError } from '../errors/index.ts';

/**
 * True when `text` decodes as the provider packages decode base64 (`atob`, after base64url's
 * `-` and `_` become `+` and `/`): ASCII whitespace ignored, padding optional.
 * @example isBase64('aGk=') // true; isBase64('!!') // false
 */
export function isBase64(text: string): boolean {
  const compact = text.replace(/[\t\n\f\r ]+/g, '');
  const unpadded = compact.length % 4 === 0 ? compact.replace(/={1,2}$/, '') : compact;
  return unpadded.length % 4 !== 1 && /^[A-Za-z0-9+/_-]*$/.test(unpadded);
}

type InlineFile = { type: string; data?: unknown };

/**
 * Refuses a call (language-model or image) whose inline file bytes are not base64, before any
 * target sees it: a provider package that decodes them would throw, and that failure would be
 * taken for the provider's (a 502, a failover, a mark against a healthy target).
 * @example refuseMalformedInlineData(request.call); // throws a 400 `invalid_base64`
 */
export function refuseMalformedInlineData(call: object): void {
  const files: InlineFile[] = [];
  if ('prompt' in call && Array.isArray(call.prompt)) files.push(...promptFiles(call.prompt));
  if ('files' in call && Array.isArray(call.files)) files.push(...call.files);
  if ('mask' in call && typeof call.mask === 'object' && call.mask !== null) {
    files.push(call.mask as InlineFile);
  }
  if (files.every((file) => typeof file.data !== 'string' || isBase64(file.data))) return;
  throw new InvalidRequestError({
    message:
      'An inline file or image is not valid base64: send its bytes base64-encoded, or as a base64 data URL.',
    code: 'invalid_base64',
  });
}

/** The inline data of every file in a prompt, tool results included, as `{ type, data }`. */
function promptFiles(prompt: LanguageModelV4Prompt): InlineFile[] {
  const data: SharedV4FileData[] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'file' || part.type === 'reasoning-file') data.push(part.data);
      if (part.type !== 'tool-result' || part.output.type !== 'content') continue;
      for (const item of part.output.value) if (item.type === 'file') data.push(item.data);
    }
  }
  return data.flatMap((file) => (file.type === 'data' ? [{ type: 'file', data: file.data }] : []));
}
