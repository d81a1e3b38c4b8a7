import type {
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultPart,
  SharedV4FileData,
} from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';

/**
 * JSON has no bytes: inline `Uint8Array` file data becomes base64, as the gateway protocol
 * expects. Returns a copy; the caller's prompt is never modified.
 */
export function encodeFileData(prompt: LanguageModelV4Prompt): LanguageModelV4Prompt {
  return prompt.map(encodeMessage);
}

function encodeMessage(message: LanguageModelV4Message): LanguageModelV4Message {
  switch (message.role) {
    case 'system':
      return message;
    case 'user':
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'file' ? { ...part, data: encodeData(part.data) } : part,
        ),
      };
    case 'assistant':
      return {
        ...message,
        content: message.content.map((part) => {
          if (part.type === 'file') return { ...part, data: encodeData(part.data) };
          if (part.type === 'reasoning-file') return { ...part, data: encodeData(part.data) };
          return part.type === 'tool-result' ? encodeToolResult(part) : part;
        }),
      };
    case 'tool':
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'tool-result' ? encodeToolResult(part) : part,
        ),
      };
  }
}

function encodeToolResult(part: LanguageModelV4ToolResultPart): LanguageModelV4ToolResultPart {
  if (part.output.type !== 'content') return part;
  const value = part.output.value.map((item) =>
    item.type === 'file' ? { ...item, data: encodeData(item.data) } : item,
  );
  return { ...part, output: { ...part.output, value } };
}

function encodeData<DATA extends SharedV4FileData>(data: DATA): DATA {
  if (data.type !== 'data' || !(data.data instanceof Uint8Array)) return data;
  return { ...data, data: convertUint8ArrayToBase64(data.data) };
}
