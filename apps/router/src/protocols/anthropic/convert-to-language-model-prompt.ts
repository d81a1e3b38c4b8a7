import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolResultPart,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import {
  cacheControlOptions,
  filePart,
  textPart,
  toolResultOutput,
} from './convert-content-blocks.ts';
import type { AssistantBlock } from './message-content-schema.ts';
import type { AnthropicMessage, MessagesRequest } from './messages-request.ts';
import { thinkingPart } from './thinking-parts.ts';

type AssistantContent = Extract<LanguageModelV4Message, { role: 'assistant' }>['content'];
type UserMessage = Extract<AnthropicMessage, { role: 'user' }>;
type AssistantMessage = Extract<AnthropicMessage, { role: 'assistant' }>;

/**
 * Converts Anthropic's `system` and `messages` to the AI SDK prompt: each system block is one
 * system message (so its cache breakpoint stays its own), wherever it stands in the
 * conversation; `tool_result` blocks become a tool
 * message ahead of the user's other content, and tool results must answer a `tool_use` seen
 * earlier in the conversation.
 */
export function convertToLanguageModelPrompt(
  request: Pick<MessagesRequest, 'system' | 'messages'>,
): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt = systemMessages(request.system);
  const toolNames = new Map<string, string>();
  request.messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (message.role === 'assistant') prompt.push(assistantMessage(message, toolNames));
    else if (message.role === 'system') prompt.push(...systemMessages(message.content));
    else prompt.push(...userMessages(message, param, toolNames));
  });
  return prompt;
}

function systemMessages(system: MessagesRequest['system']): LanguageModelV4Message[] {
  if (system === undefined || system === '') return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  return system.map((block) => {
    const providerOptions = cacheControlOptions(block.cache_control);
    return {
      role: 'system' as const,
      content: block.text,
      ...(providerOptions !== undefined && { providerOptions }),
    };
  });
}

function userMessages(
  message: UserMessage,
  param: string,
  toolNames: Map<string, string>,
): LanguageModelV4Message[] {
  if (typeof message.content === 'string') {
    return [{ role: 'user', content: [{ type: 'text', text: message.content }] }];
  }
  const results: LanguageModelV4ToolResultPart[] = [];
  const content: Array<LanguageModelV4TextPart | LanguageModelV4FilePart> = [];
  message.content.forEach((block, index) => {
    const blockParam = `${param}.content[${index}]`;
    if (block.type === 'text') content.push(textPart(block));
    else if (block.type !== 'tool_result') content.push(filePart(block, blockParam));
    else {
      const toolName = toolNames.get(block.tool_use_id);
      if (toolName === undefined) {
        throw new InvalidRequestError({
          message: `No earlier tool_use block has the id '${block.tool_use_id}'.`,
          param: `${blockParam}.tool_use_id`,
        });
      }
      const providerOptions = cacheControlOptions(block.cache_control);
      results.push({
        type: 'tool-result',
        toolCallId: block.tool_use_id,
        toolName,
        output: toolResultOutput(block, blockParam),
        ...(providerOptions !== undefined && { providerOptions }),
      });
    }
  });
  const messages: LanguageModelV4Message[] = [];
  if (results.length > 0) messages.push({ role: 'tool', content: results });
  if (content.length > 0 || results.length === 0) messages.push({ role: 'user', content });
  return messages;
}

function assistantMessage(
  message: AssistantMessage,
  toolNames: Map<string, string>,
): LanguageModelV4Message {
  if (typeof message.content === 'string') {
    return { role: 'assistant', content: [{ type: 'text', text: message.content }] };
  }
  const content = message.content.map((block) => assistantPart(block, toolNames));
  return { role: 'assistant', content };
}

function assistantPart(
  block: AssistantBlock,
  toolNames: Map<string, string>,
): AssistantContent[number] {
  switch (block.type) {
    case 'text':
      return textPart(block);
    case 'thinking':
      return thinkingPart(block.thinking, { signature: block.signature });
    case 'redacted_thinking':
      return thinkingPart('', { redactedData: block.data });
    case 'tool_use': {
      toolNames.set(block.id, block.name);
      const providerOptions = cacheControlOptions(block.cache_control);
      return {
        type: 'tool-call',
        toolCallId: block.id,
        toolName: block.name,
        input: block.input ?? {},
        ...(providerOptions !== undefined && { providerOptions }),
      };
    }
  }
}
