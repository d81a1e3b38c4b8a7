import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import { exceedsJsonDepth, maxJsonDepth } from '../../middleware/json-body.ts';
import { fileFromUrl } from '../file-from-url.ts';
import type { ChatMessage } from './chat-completion-request.ts';

type UserContent = Extract<ChatMessage, { role: 'user' }>['content'];
type TextContent = string | { type: 'text'; text: string }[];

/** Converts OpenAI chat messages to the AI SDK prompt, checking tool-call references. */
export function convertToLanguageModelPrompt(messages: ChatMessage[]): LanguageModelV4Prompt {
  const toolNames = new Map<string, string>();
  return messages.map((message, index) => convertMessage(message, index, toolNames));
}

function convertMessage(
  message: ChatMessage,
  index: number,
  toolNames: Map<string, string>,
): LanguageModelV4Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: joinText(message.content) };
    case 'user':
      return { role: 'user', content: convertUserContent(message.content, index) };
    case 'assistant': {
      const content: Extract<LanguageModelV4Message, { role: 'assistant' }>['content'] = [];
      if (message.reasoning_content)
        content.push({ type: 'reasoning', text: message.reasoning_content });
      const text = assistantText(message.content);
      if (text !== '') content.push({ type: 'text', text });
      message.tool_calls?.forEach((call, callIndex) => {
        toolNames.set(call.id, call.function.name);
        content.push({
          type: 'tool-call',
          toolCallId: call.id,
          toolName: call.function.name,
          input: parseArguments(
            call.function.arguments,
            `messages[${index}].tool_calls[${callIndex}].function.arguments`,
          ),
        });
      });
      return { role: 'assistant', content };
    }
    case 'tool': {
      const toolName = toolNames.get(message.tool_call_id);
      if (toolName === undefined) {
        throw new InvalidRequestError({
          message: `No assistant tool call has the id '${message.tool_call_id}'.`,
          param: `messages[${index}].tool_call_id`,
        });
      }
      return {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: message.tool_call_id,
            toolName,
            output: { type: 'text', value: joinText(message.content) },
          },
        ],
      };
    }
  }
}

function joinText(content: TextContent): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function assistantText(content: Extract<ChatMessage, { role: 'assistant' }>['content']): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : part.refusal)).join('');
}

function parseArguments(text: string, param: string): unknown {
  // JSON inside a JSON string escapes the body's depth check; the cache key would recurse on it.
  if (exceedsJsonDepth(text, maxJsonDepth)) {
    throw new InvalidRequestError({
      message: `Tool call arguments nest JSON deeper than the limit of ${maxJsonDepth} levels.`,
      param,
    });
  }
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new InvalidRequestError({ message: 'Tool call arguments must be a JSON string.', param });
  }
}

function convertUserContent(
  content: UserContent,
  index: number,
): Array<LanguageModelV4TextPart | LanguageModelV4FilePart> {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex) =>
    convertUserPart(part, `messages[${index}].content[${partIndex}]`),
  );
}

function convertUserPart(
  part: Exclude<UserContent, string>[number],
  param: string,
): LanguageModelV4TextPart | LanguageModelV4FilePart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url':
      return fileFromUrl(part.image_url.url, 'image', `${param}.image_url.url`);
    case 'input_audio':
      return {
        type: 'file',
        mediaType: part.input_audio.format === 'wav' ? 'audio/wav' : 'audio/mpeg',
        data: { type: 'data', data: part.input_audio.data },
      };
    case 'file':
      return {
        ...fileFromUrl(part.file.file_data, 'application/pdf', `${param}.file.file_data`),
        filename: part.file.filename,
      };
  }
}
