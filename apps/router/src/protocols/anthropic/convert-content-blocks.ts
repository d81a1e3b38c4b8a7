import type {
  LanguageModelV4FilePart,
  LanguageModelV4TextPart,
  LanguageModelV4ToolResultOutput,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import type { CacheControl, ToolResultBlock, UserBlock } from './message-content-schema.ts';

type MediaBlock = Extract<UserBlock, { type: 'image' | 'document' }>;

/**
 * `cache_control` as the Anthropic package reads it; other packages ignore the namespace, so a
 * breakpoint reaches Anthropic targets only.
 */
export function cacheControlOptions(
  cacheControl: CacheControl,
): SharedV4ProviderOptions | undefined {
  if (cacheControl == null) return undefined;
  return { anthropic: { cacheControl: { ...cacheControl } } };
}

/** A text block as an AI SDK text part, keeping its cache breakpoint. */
export function textPart(block: { text: string; cache_control?: CacheControl }) {
  const providerOptions = cacheControlOptions(block.cache_control);
  const part: LanguageModelV4TextPart = { type: 'text', text: block.text };
  return providerOptions === undefined ? part : { ...part, providerOptions };
}

/** An image or document block as an AI SDK file part. */
export function filePart(block: MediaBlock, param: string): LanguageModelV4FilePart {
  const providerOptions = cacheControlOptions(block.cache_control);
  const title = block.type === 'document' ? block.title : undefined;
  const part: LanguageModelV4FilePart = {
    type: 'file',
    ...fileSource(block, `${param}.source`),
    ...(title != null && { filename: title }),
  };
  return providerOptions === undefined ? part : { ...part, providerOptions };
}

function fileSource(
  block: MediaBlock,
  param: string,
): Pick<LanguageModelV4FilePart, 'data' | 'mediaType'> {
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return { mediaType: source.media_type, data: { type: 'data', data: source.data } };
    case 'text':
      return { mediaType: 'text/plain', data: { type: 'text', text: source.data } };
    case 'url': {
      if (!URL.canParse(source.url) || !/^https?:/i.test(source.url)) {
        throw new InvalidRequestError({
          message: 'Expected an http(s) URL.',
          param: `${param}.url`,
        });
      }
      const mediaType = block.type === 'image' ? 'image' : 'application/pdf';
      return { mediaType, data: { type: 'url', url: new URL(source.url) } };
    }
  }
}

/** A `tool_result` block's content as the AI SDK's tool output. */
export function toolResultOutput(
  block: ToolResultBlock,
  param: string,
): LanguageModelV4ToolResultOutput {
  const { content } = block;
  if (content === undefined || typeof content === 'string') {
    const value = content ?? '';
    return block.is_error ? { type: 'error-text', value } : { type: 'text', value };
  }
  const allText = content.every((part) => part.type === 'text');
  if (block.is_error || (allText && content.length === 1)) {
    const value = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    return block.is_error ? { type: 'error-text', value } : { type: 'text', value };
  }
  return {
    type: 'content',
    value: content.map((part, index) =>
      part.type === 'text'
        ? { type: 'text' as const, text: part.text }
        : { type: 'file' as const, ...fileSource(part, `${param}.content[${index}].source`) },
    ),
  };
}
