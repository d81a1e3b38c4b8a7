import { anthropicPrefillOf, rejectAnthropicPrefill } from './anthropic-prefill.ts';
import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type { MockReply, MockUsage, ToolChoice } from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';

/** Anthropic Messages: `POST {base}/messages`. */
export const anthropicMessages: WireFormat = {
  name: 'anthropic-messages',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/messages'),
  parseRequest(body) {
    const request = recordOf(body);
    const allMessages = arrayOf(request.messages).map(recordOf);
    const assistantPrefill = anthropicPrefillOf(allMessages.at(-1));
    // A prefill is continued: the answer is planned from the conversation before it.
    const messages = assistantPrefill === undefined ? allMessages : allMessages.slice(0, -1);
    const lastUser = messages.findLast(
      (message) => message.role === 'user' && textOf(message.content) !== '',
    );
    const lastBlocks = arrayOf(messages.at(-1)?.content).map(recordOf);
    const toolResult = lastBlocks.findLast((block) => block.type === 'tool_result');
    return {
      model: stringOf(request.model) ?? '',
      stream: request.stream === true,
      includeStreamUsage: true,
      lastUserText: textOf(lastUser?.content),
      toolResult: toolResult && textOf(toolResult.content),
      assistantPrefill,
      tools: arrayOf(request.tools).flatMap((tool) => {
        const { name, input_schema: inputSchema } = recordOf(tool);
        const isCustom = typeof name === 'string' && inputSchema !== undefined;
        return isCustom ? [{ name, inputSchema }] : [];
      }),
      toolChoice: parseAnthropicToolChoice(request.tool_choice),
      inputCharacters: JSON.stringify([request.system ?? '', request.messages ?? []]).length,
    };
  },
  rejectRequest: rejectAnthropicPrefill,
  renderResponse: (reply, request) => ({
    id: `msg_${reply.id}`,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: [
      ...(reply.reasoning === undefined
        ? []
        : [{ type: 'thinking', thinking: reply.reasoning, signature: signatureFor(reply) }]),
      ...(reply.text === undefined ? [] : [{ type: 'text', text: reply.text }]),
      ...(reply.toolCall
        ? [
            {
              type: 'tool_use',
              id: `toolu_${reply.id}`,
              name: reply.toolCall.name,
              input: JSON.parse(reply.toolCall.arguments),
            },
          ]
        : []),
    ],
    stop_reason: stopReasonOf(reply),
    stop_sequence: null,
    usage: { ...renderAnthropicUsage(reply.usage), service_tier: 'standard' },
  }),
  renderStream(reply, request) {
    const events: StreamEvent[] = [];
    const emit = (type: string, payload: object, flags: Omit<StreamEvent, 'data'> = {}) => {
      events.push({ event: type, data: JSON.stringify({ type, ...payload }), ...flags });
    };
    const { output_tokens_details: _, ...startUsage } = renderAnthropicUsage(reply.usage);
    const message = {
      id: `msg_${reply.id}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...startUsage, output_tokens: 1, service_tier: 'standard' },
    };
    emit('message_start', { message });
    emit('ping', {});
    let index = 0;
    const block = (start: object, deltas: object[], closing: object[] = []) => {
      emit('content_block_start', { index, content_block: start });
      for (const delta of deltas) emit('content_block_delta', { index, delta }, { content: true });
      for (const delta of closing) emit('content_block_delta', { index, delta });
      emit('content_block_stop', { index });
      index++;
    };
    if (reply.reasoning !== undefined) {
      block(
        { type: 'thinking', thinking: '', signature: '' },
        splitIntoWords(reply.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })),
        [{ type: 'signature_delta', signature: signatureFor(reply) }],
      );
    }
    if (reply.text !== undefined) {
      block(
        { type: 'text', text: '' },
        splitIntoWords(reply.text).map((text) => ({ type: 'text_delta', text })),
      );
    }
    if (reply.toolCall) {
      const start = {
        type: 'tool_use',
        id: `toolu_${reply.id}`,
        name: reply.toolCall.name,
        input: {},
      };
      const pieces = ['', ...splitIntoParts(reply.toolCall.arguments)];
      block(
        start,
        pieces.map((partial) => ({ type: 'input_json_delta', partial_json: partial })),
      );
    }
    const delta = { stop_reason: stopReasonOf(reply), stop_sequence: null };
    emit('message_delta', { delta, usage: renderAnthropicUsage(reply.usage) }, { final: true });
    emit('message_stop', {}, { final: true });
    return events;
  },
  renderError: (status, message) => {
    const type =
      anthropicErrorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return {
      type: 'error',
      error: { type, message: message ?? anthropicErrorMessages[type] ?? 'Mock upstream error' },
      request_id: 'req_mock',
    };
  },
  responseHeaders: (replyId) => ({ 'request-id': `req_${replyId}` }),
};

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

const anthropicErrorMessages: Record<string, string> = {
  authentication_error: 'invalid x-api-key',
  overloaded_error: 'Overloaded',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
};

function parseAnthropicToolChoice(choice: unknown): ToolChoice {
  const { type, name } = recordOf(choice);
  if (type === 'none') return { type: 'none' };
  if (type === 'any') return { type: 'required' };
  return type === 'tool' && typeof name === 'string' ? { type: 'tool', name } : { type: 'auto' };
}

function stopReasonOf(reply: MockReply): string {
  return reply.toolCall ? 'tool_use' : 'end_turn';
}

function signatureFor(reply: MockReply): string {
  return btoa(`mock-signature-${reply.id}`);
}

/** Anthropic counts `input_tokens` without the cached part. */
function renderAnthropicUsage(usage: MockUsage) {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    ...(usage.reasoningTokens > 0 && {
      output_tokens_details: { thinking_tokens: usage.reasoningTokens },
    }),
  };
}
