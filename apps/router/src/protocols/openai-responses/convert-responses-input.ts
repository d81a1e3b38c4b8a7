import type {
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import { exceedsJsonDepth, maxJsonDepth } from '../../middleware/json-body.ts';
import { convertContentPart, textOfParts } from './convert-content-parts.ts';
import { openReasoning } from './reasoning-envelope.ts';
import type { ResponsesInputItem } from './responses-input-schema.ts';
import type { ResponsesRequest } from './responses-request.ts';
import { canonicalName } from './tool-names.ts';

type AssistantContent = Extract<LanguageModelV4Message, { role: 'assistant' }>['content'];
type ToolContent = Extract<LanguageModelV4Message, { role: 'tool' }>['content'];

/**
 * `instructions` and `input` as an AI SDK prompt. Consecutive assistant items (reasoning,
 * messages, function calls) form one assistant turn and consecutive function outputs one tool
 * turn, as the providers expect; items of tools Switchyard cannot run are dropped with a warning.
 */
export function convertResponsesInput(request: ResponsesRequest): {
  prompt: LanguageModelV4Prompt;
  warnings: SharedV4Warning[];
} {
  const prompt: LanguageModelV4Prompt = [];
  const warnings: SharedV4Warning[] = [];
  if (request.instructions) prompt.push({ role: 'system', content: request.instructions });
  if (typeof request.input === 'string') {
    prompt.push({ role: 'user', content: [{ type: 'text', text: request.input }] });
    return { prompt, warnings };
  }
  const toolNames = new Map<string, string>();
  const assistant = (): AssistantContent => {
    const last = prompt.at(-1);
    if (last?.role === 'assistant') return last.content;
    const content: AssistantContent = [];
    prompt.push({ role: 'assistant', content });
    return content;
  };
  const tool = (): ToolContent => {
    const last = prompt.at(-1);
    if (last?.role === 'tool') return last.content;
    const content: ToolContent = [];
    prompt.push({ role: 'tool', content });
    return content;
  };
  request.input.forEach((item, index) => {
    const param = `input[${index}]`;
    convertItem(item, param, { prompt, warnings, toolNames, assistant, tool });
  });
  return { prompt, warnings };
}

interface Conversion {
  prompt: LanguageModelV4Prompt;
  warnings: SharedV4Warning[];
  /** Call ids of earlier function calls, to the name their outputs must carry. */
  toolNames: Map<string, string>;
  assistant: () => AssistantContent;
  tool: () => ToolContent;
}

function convertItem(item: ResponsesInputItem, param: string, into: Conversion): void {
  switch (item.type) {
    case 'message':
      if (item.role === 'assistant') {
        const text = assistantText(item.content);
        if (text !== '') into.assistant().push({ type: 'text', text });
      } else if (item.role === 'user') {
        const content =
          typeof item.content === 'string'
            ? [{ type: 'text' as const, text: item.content }]
            : item.content.map((part, partIndex) =>
                convertContentPart(part, `${param}.content[${partIndex}]`),
              );
        into.prompt.push({ role: 'user', content });
      } else {
        into.prompt.push({
          role: 'system',
          content: textOfParts(item.content, `${param}.content`),
        });
      }
      return;
    case 'reasoning': {
      const text = (item.content?.length ? item.content : item.summary)
        .map((part) => part.text)
        .join('\n\n');
      const providerOptions = openReasoning(item.encrypted_content);
      if (text === '' && providerOptions === undefined) return;
      into.assistant().push({
        type: 'reasoning',
        text,
        ...(providerOptions === undefined ? {} : { providerOptions }),
      });
      return;
    }
    case 'function_call': {
      const toolName = canonicalName({ name: item.name, namespace: item.namespace ?? undefined });
      into.toolNames.set(item.call_id, toolName);
      into.assistant().push({
        type: 'tool-call',
        toolCallId: item.call_id,
        toolName,
        input: parseArguments(item.arguments, `${param}.arguments`),
      });
      return;
    }
    case 'function_call_output': {
      const toolName = into.toolNames.get(item.call_id);
      if (toolName === undefined) {
        throw new InvalidRequestError({
          message: `No function_call item before this output has the call_id '${item.call_id}'.`,
          param: `${param}.call_id`,
        });
      }
      into.tool().push({
        type: 'tool-result',
        toolCallId: item.call_id,
        toolName,
        output: convertOutput(item.output, `${param}.output`),
      });
      return;
    }
    case 'item_reference':
      throw new InvalidRequestError({
        message:
          'Switchyard keeps no response items, so item_reference cannot be resolved: send the items themselves.',
        param,
        code: 'stateless_responses',
      });
    case 'dropped':
      into.warnings.push({
        type: 'unsupported',
        feature: `input.${item.dropped}`,
        details: `Switchyard cannot run the tool behind '${item.dropped}' items; the item was dropped.`,
      });
      return;
  }
}

function assistantText(content: Extract<ResponsesInputItem, { role: 'assistant' }>['content']) {
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : part.refusal)).join('');
}

function convertOutput(
  output: Extract<ResponsesInputItem, { type: 'function_call_output' }>['output'],
  param: string,
): LanguageModelV4ToolResultOutput {
  if (typeof output === 'string') return { type: 'text', value: output };
  return {
    type: 'content',
    value: output.map((part, index) => {
      const converted = convertContentPart(part, `${param}[${index}]`);
      return converted.type === 'text' ? { type: 'text', text: converted.text } : converted;
    }),
  };
}

function parseArguments(text: string, param: string): unknown {
  // JSON inside a JSON string escapes the body's depth check; the cache key would recurse on it.
  if (exceedsJsonDepth(text, maxJsonDepth)) {
    throw new InvalidRequestError({
      message: `Function call arguments nest JSON deeper than the limit of ${maxJsonDepth} levels.`,
      param,
    });
  }
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new InvalidRequestError({ message: 'Function call arguments must be JSON.', param });
  }
}
