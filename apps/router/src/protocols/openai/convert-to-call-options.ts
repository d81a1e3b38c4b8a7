import type { LanguageModelV4CallOptions, LanguageModelV4ToolChoice } from '@ai-sdk/provider';
import type { ChatCompletionRequest } from './chat-completion-request.ts';
import { convertToLanguageModelPrompt } from './convert-to-language-model-prompt.ts';

/**
 * Maps an OpenAI chat request to AI SDK call options. Provider-specific settings
 * (`parallel_tool_calls`, `user`) travel in `providerOptions` under every namespace that
 * understands them, so whichever target serves the call receives them.
 */
export function convertToCallOptions(request: ChatCompletionRequest): LanguageModelV4CallOptions {
  const stop = request.stop == null ? undefined : [request.stop].flat();
  return omitUndefined({
    prompt: convertToLanguageModelPrompt(request.messages),
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    topK: request.top_k ?? undefined,
    stopSequences: stop,
    seed: request.seed ?? undefined,
    presencePenalty: request.presence_penalty ?? undefined,
    frequencyPenalty: request.frequency_penalty ?? undefined,
    reasoning: request.reasoning_effort ?? undefined,
    responseFormat: convertResponseFormat(request.response_format),
    tools: request.tools?.map(({ function: tool }) =>
      omitUndefined({
        type: 'function' as const,
        name: tool.name,
        description: tool.description,
        inputSchema: tool.parameters ?? { type: 'object', properties: {} },
        strict: tool.strict ?? undefined,
      }),
    ),
    toolChoice: convertToolChoice(request.tool_choice),
    providerOptions: providerOptionsFor(request),
  });
}

function convertResponseFormat(
  format: ChatCompletionRequest['response_format'],
): LanguageModelV4CallOptions['responseFormat'] {
  switch (format?.type) {
    case undefined:
      return undefined;
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return omitUndefined({
        type: 'json' as const,
        name: format.json_schema.name,
        description: format.json_schema.description,
        schema: format.json_schema.schema,
      });
  }
}

function convertToolChoice(
  choice: ChatCompletionRequest['tool_choice'],
): LanguageModelV4ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.function.name };
}

function providerOptionsFor(
  request: ChatCompletionRequest,
): LanguageModelV4CallOptions['providerOptions'] {
  const parallel = request.parallel_tool_calls ?? undefined;
  const user = request.user ?? undefined;
  if (parallel === undefined && user === undefined) return undefined;
  const options: NonNullable<LanguageModelV4CallOptions['providerOptions']> = {
    openai: omitUndefined({ parallelToolCalls: parallel, user }),
  };
  if (parallel !== undefined) options.anthropic = { disableParallelToolUse: !parallel };
  return options;
}

/** Drops keys whose value is undefined, so cache keys and upstream bodies stay canonical. */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
