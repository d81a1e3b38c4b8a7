import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4ToolResultOutput,
} from '@ai-sdk/provider';

/** Tokens allowed for a message's role and framing, beyond its content. */
export const messageOverheadTokens = 4;

/** Tokens allowed for an image or a binary file by default (a large image on most providers). */
export const defaultMediaPartTokens = 2_000;

const encoder = new TextEncoder();
const utf8Bytes = (text: string): number => encoder.encode(text).length;
const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value) ?? '');

/**
 * An upper bound of the input tokens of a call on any byte-level BPE tokenizer: every token is at
 * least one UTF-8 byte, so the bytes of the prompt's text, tool definitions and JSON bound it.
 * Images and binary files count `mediaPartTokens` each.
 *
 * @example
 * promptTokenBound({ prompt: [{ role: 'system', content: 'hi' }] }, 2_000); // 2 + 4
 */
export function promptTokenBound(
  call: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'responseFormat'>,
  mediaPartTokens: number,
): number {
  let tokens = 0;
  for (const message of call.prompt) tokens += messageTokens(message, mediaPartTokens);
  for (const tool of call.tools ?? []) tokens += jsonBytes(tool);
  if (call.responseFormat?.type === 'json') tokens += jsonBytes(call.responseFormat);
  return tokens;
}

function messageTokens(message: LanguageModelV4Message, mediaPartTokens: number): number {
  if (message.role === 'system') return messageOverheadTokens + utf8Bytes(message.content);
  let tokens = messageOverheadTokens;
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        tokens += utf8Bytes(part.text);
        break;
      case 'file':
        tokens += fileTokens(part, mediaPartTokens);
        break;
      case 'reasoning-file':
        tokens += mediaPartTokens;
        break;
      case 'tool-call':
        tokens += utf8Bytes(part.toolName + part.toolCallId) + jsonBytes(part.input);
        break;
      case 'tool-result':
        tokens += utf8Bytes(part.toolName + part.toolCallId);
        tokens += toolOutputTokens(part.output, mediaPartTokens);
        break;
      case 'tool-approval-response':
        tokens += utf8Bytes(part.approvalId + (part.reason ?? ''));
        break;
      case 'custom':
        break;
    }
  }
  return tokens;
}

function toolOutputTokens(output: LanguageModelV4ToolResultOutput, mediaPartTokens: number) {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return utf8Bytes(output.value);
    case 'json':
    case 'error-json':
      return jsonBytes(output.value);
    case 'execution-denied':
      return utf8Bytes(output.reason ?? '');
    case 'content':
      return output.value.reduce((sum, part) => {
        if (part.type === 'text') return sum + utf8Bytes(part.text);
        return part.type === 'file' ? sum + fileTokens(part, mediaPartTokens) : sum;
      }, 0);
  }
}

/** Text files count their bytes; images, PDFs and anything fetched by URL a fixed allowance. */
function fileTokens(part: Pick<LanguageModelV4FilePart, 'data' | 'mediaType'>, allowance: number) {
  const { data, mediaType } = part;
  if (data.type === 'text') return utf8Bytes(data.text);
  const textual = mediaType.startsWith('text/') || mediaType === 'application/json';
  if (data.type !== 'data' || !textual) return allowance;
  return typeof data.data === 'string' ? Math.ceil((data.data.length * 3) / 4) : data.data.length;
}
