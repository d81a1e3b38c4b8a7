import type {
  JSONValue,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from '@ai-sdk/provider';

/** Maps one text; `role` is the role of the message it is in. */
type MapText = (text: string, role: LanguageModelV4Message['role']) => string;

/**
 * A copy of the prompt with `map` applied to every text a model reads — system text, user and
 * assistant text, reasoning, tool-call inputs and tool results (strings inside JSON included) —
 * in document order. Files are passed as they are.
 * @example mapPromptText(call.prompt, (text) => text.toUpperCase())
 */
export function mapPromptText(prompt: LanguageModelV4Prompt, map: MapText): LanguageModelV4Prompt {
  return prompt.map((message) => mapMessage(message, (text: string) => map(text, message.role)));
}

function mapMessage(
  message: LanguageModelV4Message,
  map: (text: string) => string,
): LanguageModelV4Message {
  switch (message.role) {
    case 'system':
      return { ...message, content: map(message.content) };
    case 'user':
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'text' ? { ...part, text: map(part.text) } : part,
        ),
      };
    case 'assistant':
      return {
        ...message,
        content: message.content.map((part) => {
          switch (part.type) {
            case 'text':
            case 'reasoning':
              return { ...part, text: map(part.text) };
            case 'tool-call':
              return { ...part, input: mapJson(part.input as JSONValue, map) };
            case 'tool-result':
              return { ...part, output: mapOutput(part.output, map) };
            default:
              return part;
          }
        }),
      };
    case 'tool':
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'tool-result' ? { ...part, output: mapOutput(part.output, map) } : part,
        ),
      };
  }
}

function mapOutput(
  output: LanguageModelV4ToolResultOutput,
  map: (text: string) => string,
): LanguageModelV4ToolResultOutput {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return { ...output, value: map(output.value) };
    case 'json':
    case 'error-json':
      return { ...output, value: mapJson(output.value, map) };
    case 'execution-denied':
      return output.reason === undefined ? output : { ...output, reason: map(output.reason) };
    case 'content':
      return {
        ...output,
        value: output.value.map((part) =>
          part.type === 'text' ? { ...part, text: map(part.text) } : part,
        ),
      };
  }
}

/** Strings anywhere in a JSON value (object keys stay as they are). */
function mapJson(value: JSONValue, map: (text: string) => string): JSONValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapJson(item, map));
  if (value !== null && typeof value === 'object') {
    // fromEntries keeps a `__proto__` key as data, as JSON.parse made it.
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) =>
        item === undefined ? [] : [[key, mapJson(item, map)]],
      ),
    );
  }
  return value;
}
