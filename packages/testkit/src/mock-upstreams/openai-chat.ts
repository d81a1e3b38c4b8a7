import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type {
  MockReply,
  MockRequest,
  MockUsage,
  ToolChoice,
  ToolDefinition,
} from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import { renderOpenAIError } from './openai-error.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { unixSeconds } from './wire-format.ts';

/** How a provider's OpenAI-like chat API differs from OpenAI's own. */
export interface OpenAIChatDialect {
  name: string;
  /** The dialect answers requests under this path prefix; OpenAI's own has none. */
  pathPrefix: string;
  /** The message (and delta) field of reasoning text; `null` drops the text, usage still counts it. */
  reasoningField: 'reasoning_content' | 'reasoning' | null;
  /** When a stream reports usage: if `stream_options.include_usage` asks, always, or in `x_groq`. */
  streamUsage: 'requested' | 'always' | 'x_groq';
  renderUsage: (usage: MockUsage) => object;
  /** Top-level fields of the response and of the first chunk, e.g. Perplexity's citations. */
  extraFields?: object;
}

/** OpenAI Chat Completions: `POST {base}/chat/completions` (also used by openai-compatible). */
export const openaiChat: WireFormat = createOpenAIChatFormat({
  name: 'openai-chat',
  pathPrefix: '',
  reasoningField: 'reasoning_content',
  streamUsage: 'requested',
  renderUsage: renderChatUsage,
});

/** A chat format in OpenAI's shape, with one provider's differences. */
export function createOpenAIChatFormat(dialect: OpenAIChatDialect): WireFormat {
  const { reasoningField, extraFields } = dialect;
  const reasoningOf = (reply: MockReply) =>
    reply.reasoning !== undefined && reasoningField !== null
      ? { [reasoningField]: reply.reasoning }
      : {};
  return {
    name: dialect.name,
    lineEnding: '\n',
    matches: (pathname) =>
      pathname.startsWith(`${dialect.pathPrefix}/`) && pathname.endsWith('/chat/completions'),
    parseRequest(body) {
      const request = recordOf(body);
      const messages = arrayOf(request.messages).map(recordOf);
      const last = messages.at(-1);
      const lastUser = messages.findLast((message) => message.role === 'user');
      return {
        model: stringOf(request.model) ?? '',
        stream: request.stream === true,
        includeStreamUsage:
          dialect.streamUsage !== 'requested' ||
          recordOf(request.stream_options).include_usage === true,
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
            ...reasoningOf(reply),
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
      usage: dialect.renderUsage(reply.usage),
      service_tier: 'default',
      system_fingerprint: 'fp_mock',
      ...extraFields,
    }),
    renderStream: (reply, request) => renderChatStream(dialect, reply, request),
    renderError: renderOpenAIError,
    responseHeaders: (replyId) => ({
      'x-request-id': `req_${replyId}`,
      'openai-processing-ms': '1',
    }),
  };
}

function renderChatStream(dialect: OpenAIChatDialect, reply: MockReply, request: MockRequest) {
  const envelope = {
    id: `chatcmpl-${reply.id}`,
    object: 'chat.completion.chunk',
    created: unixSeconds(),
    model: request.model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
  // OpenAI marks every chunk `usage: null` when a usage chunk will follow.
  const requested = dialect.streamUsage === 'requested' && request.includeStreamUsage;
  const usage = requested ? { usage: null } : {};
  const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) =>
    JSON.stringify({
      ...envelope,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usage,
      ...extra,
    });
  const events: StreamEvent[] = [
    // Like OpenAI: an empty content string opens a text answer, null a tool call.
    {
      data: chunk(
        { role: 'assistant', content: reply.text === undefined ? null : '', refusal: null },
        null,
        dialect.extraFields,
      ),
    },
  ];
  if (dialect.reasoningField !== null) {
    for (const piece of splitIntoWords(reply.reasoning ?? '')) {
      events.push({ data: chunk({ [dialect.reasoningField]: piece }), content: true });
    }
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
  const finishReason = reply.toolCall ? 'tool_calls' : 'stop';
  const finalUsage = dialect.renderUsage(reply.usage);
  const finishExtra = {
    requested: {},
    always: { usage: finalUsage },
    x_groq: { x_groq: { id: `req_${reply.id}`, usage: finalUsage } },
  }[dialect.streamUsage];
  events.push({ data: chunk({}, finishReason, finishExtra), final: true });
  if (requested) {
    events.push({
      data: JSON.stringify({ ...envelope, choices: [], usage: finalUsage }),
      final: true,
    });
  }
  events.push({ data: '[DONE]', final: true });
  return events;
}

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

export function renderChatUsage(usage: MockUsage) {
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
