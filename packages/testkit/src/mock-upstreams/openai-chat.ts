import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type { MockUsage, ToolChoice, ToolDefinition } from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import { renderOpenAIError } from './openai-error.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { unixSeconds } from './wire-format.ts';

/** OpenAI Chat Completions: `POST {base}/chat/completions` (also used by openai-compatible). */
export const openaiChat: WireFormat = {
  name: 'openai-chat',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/chat/completions'),
  parseRequest(body) {
    const request = recordOf(body);
    const messages = arrayOf(request.messages).map(recordOf);
    const last = messages.at(-1);
    const lastUser = messages.findLast((message) => message.role === 'user');
    return {
      model: stringOf(request.model) ?? '',
      stream: request.stream === true,
      includeStreamUsage: recordOf(request.stream_options).include_usage === true,
      lastUserText: textOf(lastUser?.content),
      toolResult: last?.role === 'tool' ? textOf(last.content) : undefined,
      tools: parseFunctionTools(request.tools),
      toolChoice: parseChatToolChoice(request.tool_choice),
      inputCharacters: JSON.stringify(request.messages ?? []).length,
    };
  },
  renderResponse: (reply, request) => ({
    id: `chatcmpl-${reply.id}`,
    object: 'chat.completion',
    created: unixSeconds(),
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          ...(reply.reasoning !== undefined && { reasoning_content: reply.reasoning }),
          refusal: null,
          ...(reply.toolCall && {
            tool_calls: [
              {
                id: `call_${reply.id}`,
                type: 'function',
                function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments },
              },
            ],
          }),
          annotations: [],
        },
        logprobs: null,
        finish_reason: reply.toolCall ? 'tool_calls' : 'stop',
      },
    ],
    usage: renderChatUsage(reply.usage),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  }),
  renderStream(reply, request) {
    const envelope = {
      id: `chatcmpl-${reply.id}`,
      object: 'chat.completion.chunk',
      created: unixSeconds(),
      model: request.model,
      service_tier: 'default',
      system_fingerprint: 'fp_mock',
    };
    const usage = request.includeStreamUsage ? { usage: null } : {};
    const chunk = (delta: object, finishReason: string | null = null) =>
      JSON.stringify({
        ...envelope,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...usage,
      });
    const events: StreamEvent[] = [
      // Like OpenAI: an empty content string opens a text answer, null a tool call.
      {
        data: chunk({
          role: 'assistant',
          content: reply.text === undefined ? null : '',
          refusal: null,
        }),
      },
    ];
    for (const piece of splitIntoWords(reply.reasoning ?? '')) {
      events.push({ data: chunk({ reasoning_content: piece }), content: true });
    }
    for (const piece of splitIntoWords(reply.text ?? '')) {
      events.push({ data: chunk({ content: piece }), content: true });
    }
    if (reply.toolCall) {
      const { name, arguments: argumentsText } = reply.toolCall;
      const start = {
        index: 0,
        id: `call_${reply.id}`,
        type: 'function',
        function: { name, arguments: '' },
      };
      events.push({ data: chunk({ tool_calls: [start] }) });
      for (const piece of splitIntoParts(argumentsText)) {
        events.push({
          data: chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }),
          content: true,
        });
      }
    }
    events.push({ data: chunk({}, reply.toolCall ? 'tool_calls' : 'stop'), final: true });
    if (request.includeStreamUsage) {
      const usageChunk = { ...envelope, choices: [], usage: renderChatUsage(reply.usage) };
      events.push({ data: JSON.stringify(usageChunk), final: true });
    }
    events.push({ data: '[DONE]', final: true });
    return events;
  },
  renderError: renderOpenAIError,
  responseHeaders: (replyId) => ({ 'x-request-id': `req_${replyId}`, 'openai-processing-ms': '1' }),
};

/** `{ type: 'function', function: { name, parameters } }` tools, shared by Mistral and Cohere. */
export function parseFunctionTools(tools: unknown): ToolDefinition[] {
  return arrayOf(tools).flatMap((tool) => {
    const definition = recordOf(recordOf(tool).function);
    const name = stringOf(definition.name);
    return name === undefined ? [] : [{ name, inputSchema: definition.parameters }];
  });
}

function parseChatToolChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required') return { type: choice };
  if (choice === 'any') return { type: 'required' }; // Mistral's name for it
  const name = stringOf(recordOf(recordOf(choice).function).name);
  return name === undefined ? { type: 'auto' } : { type: 'tool', name };
}

function renderChatUsage(usage: MockUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
