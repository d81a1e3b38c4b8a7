import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';
import { convertUsage } from './convert-usage.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

/** The OpenAI `chat.completion` object for a generate result. */
export function convertToChatCompletion(
  result: LanguageModelV4GenerateResult,
  identity: CompletionIdentity,
  cost?: Cost,
) {
  let text = '';
  let reasoning = '';
  const toolCalls: {
    id: string;
    type: 'function';
    function: { name: string; arguments: string };
  }[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'tool-call' && !part.providerExecuted) {
      toolCalls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: part.input },
      });
    }
  }
  return {
    id: identity.id,
    object: 'chat.completion' as const,
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
          ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: mapOpenAIFinishReason(result.finishReason),
      },
    ],
    usage: convertUsage(result.usage, cost),
  };
}
