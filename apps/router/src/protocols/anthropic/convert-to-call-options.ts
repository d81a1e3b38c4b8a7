import type {
  JSONObject,
  LanguageModelV4CallOptions,
  LanguageModelV4ToolChoice,
} from '@ai-sdk/provider';
import { omitUndefined } from '../openai/convert-to-call-options.ts';
import { cacheControlOptions } from './convert-content-blocks.ts';
import { convertToLanguageModelPrompt } from './convert-to-language-model-prompt.ts';
import type { MessagesRequest } from './messages-request.ts';

type Reasoning = NonNullable<LanguageModelV4CallOptions['reasoning']>;

export interface AnthropicRequestHeaders {
  /** `anthropic-beta`, split at commas: travels as `providerOptions.anthropic.anthropicBeta`. */
  betas?: string[];
}

/**
 * Maps an Anthropic Messages request to AI SDK call options. What only Anthropic understands
 * (`thinking` as sent, `cache_control`, `metadata.user_id`, beta flags) travels in
 * `providerOptions.anthropic`, which other providers' packages ignore; the same intent is also
 * said portably (`reasoning`, `toolChoice`) for targets of any other provider.
 * @example convertToCallOptions(parseRequest(messagesRequestSchema, body), { betas: [] })
 */
export function convertToCallOptions(
  request: MessagesRequest,
  headers: AnthropicRequestHeaders = {},
): LanguageModelV4CallOptions {
  const format = request.output_config?.format ?? request.output_format ?? undefined;
  return omitUndefined({
    prompt: convertToLanguageModelPrompt(request),
    maxOutputTokens: request.max_tokens,
    temperature: request.temperature,
    topP: request.top_p,
    topK: request.top_k,
    stopSequences: request.stop_sequences,
    reasoning: reasoningOf(request),
    responseFormat: format && { type: 'json' as const, schema: format.schema },
    tools: request.tools?.map((tool) =>
      omitUndefined({
        type: 'function' as const,
        name: tool.name,
        description: tool.description,
        inputSchema: tool.input_schema ?? { type: 'object', properties: {} },
        providerOptions: cacheControlOptions(tool.cache_control),
      }),
    ),
    toolChoice: toolChoiceOf(request.tool_choice),
    providerOptions: providerOptionsOf(request, headers),
  });
}

function toolChoiceOf(
  choice: MessagesRequest['tool_choice'],
): LanguageModelV4ToolChoice | undefined {
  switch (choice?.type) {
    case undefined:
      return undefined;
    case 'auto':
    case 'none':
      return { type: choice.type };
    case 'any':
      return { type: 'required' };
    case 'tool':
      return { type: 'tool', toolName: choice.name };
  }
}

/** Thinking budgets as the effort levels other providers take (Claude Code's "think" is 4,000). */
function reasoningOf(request: MessagesRequest): Reasoning | undefined {
  const effort = request.output_config?.effort;
  if (effort !== undefined) return effort;
  const { thinking } = request;
  if (thinking?.type === 'disabled') return 'none';
  if (thinking?.type !== 'enabled') return undefined;
  if (thinking.budget_tokens <= 2_048) return 'low';
  return thinking.budget_tokens <= 8_192 ? 'medium' : 'high';
}

function thinkingOptions(thinking: MessagesRequest['thinking']): JSONObject | undefined {
  switch (thinking?.type) {
    case undefined:
      return undefined;
    case 'enabled':
      return { type: 'enabled', budgetTokens: thinking.budget_tokens };
    case 'adaptive':
      return omitUndefined({ type: 'adaptive', display: thinking.display });
    case 'disabled':
      return { type: 'disabled' };
  }
}

function providerOptionsOf(
  request: MessagesRequest,
  headers: AnthropicRequestHeaders,
): LanguageModelV4CallOptions['providerOptions'] {
  const { thinking, tool_choice: choice } = request;
  const disableParallel =
    choice !== undefined && choice.type !== 'none' ? choice.disable_parallel_tool_use : undefined;
  const userId = request.metadata?.user_id ?? undefined;
  const anthropic: JSONObject = omitUndefined({
    thinking: thinkingOptions(thinking),
    effort: request.output_config?.effort,
    disableParallelToolUse: disableParallel,
    metadata: userId === undefined ? undefined : { userId },
    anthropicBeta: headers.betas?.length ? headers.betas : undefined,
  });
  const options: NonNullable<LanguageModelV4CallOptions['providerOptions']> = {};
  if (Object.keys(anthropic).length > 0) options.anthropic = anthropic;
  if (disableParallel !== undefined) options.openai = { parallelToolCalls: !disableParallel };
  return Object.keys(options).length > 0 ? options : undefined;
}
