import type { LanguageModelV4FilePart } from '@ai-sdk/provider';
import { InvalidRequestError } from '../errors/index.ts';

const dataUrlPattern = /^data:([^;,]+)?(;base64)?,(.*)$/s;

/**
 * A file part from a URL as the OpenAI APIs take one: a base64 `data:` URL (its own media type,
 * else `fallbackMediaType`), or an http(s) URL the provider fetches. Anything else is a 400 on
 * `param`.
 * @example fileFromUrl('data:image/png;base64,iVBOR…', 'image', 'messages[0].content[1].image_url')
 */
export function fileFromUrl(
  url: string,
  fallbackMediaType: string,
  param: string,
): LanguageModelV4FilePart {
  const dataUrl = dataUrlPattern.exec(url);
  if (dataUrl !== null) {
    if (dataUrl[2] === undefined) {
      throw new InvalidRequestError({ message: 'Data URLs must be base64-encoded.', param });
    }
    return {
      type: 'file',
      mediaType: dataUrl[1] ?? fallbackMediaType,
      data: { type: 'data', data: dataUrl[3] ?? '' },
    };
  }
  if (!URL.canParse(url) || !/^https?:/i.test(url)) {
    throw new InvalidRequestError({
      message: 'Expected an http(s) URL or a base64 data URL.',
      param,
    });
  }
  return { type: 'file', mediaType: fallbackMediaType, data: { type: 'url', url: new URL(url) } };
}
