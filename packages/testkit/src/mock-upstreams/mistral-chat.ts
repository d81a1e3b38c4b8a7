import type { MockReply, MockUsage } from './mock-reply.ts';
import { splitIntoWords } from './mock-reply.ts';
import { openaiChat } from './openai-chat.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { unixSeconds, uuidFor } from './wire-format.ts';

/** Mistral shares OpenAI's `/v1/chat/completions` path, so the mock serves it under this prefix. */
export const mistralPathPrefix = '/mistral';

/**
 * Mistral Chat Completions: `POST {base}/chat/completions` with base `{url}/mistral/v1`. Requests
 * are OpenAI's; replies differ: usage always ends the stream, reasoning comes as `thinking`
 * chunks, tool call ids have 9 characters, errors are flat `{ object: 'error', ... }`.
 */
export const mistralChat: WireFormat = {
  name: 'mistral-chat',
  lineEnding: '\n',
  matches: (pathname) =>
    pathname.startsWith(`${mistralPathPrefix}/`) && pathname.endsWith('/chat/completions'),
  parseRequest: (body, url) => ({
    ...openaiChat.parseRequest(body, url),
    includeStreamUsage: true,
  }),
  renderResponse: (reply, request) => ({
    id: mistralIdFor(reply),
    created: unixSeconds(),
    model: request.model,
    usage: renderMistralUsage(reply.usage),
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        finish_reason: finishReasonOf(reply),
        message: {
          role: 'assistant',
          tool_calls: reply.toolCall ? [renderToolCall(reply)] : null,
          content: reply.reasoning === undefined ? (reply.text ?? '') : contentChunks(reply),
        },
      },
    ],
  }),
  renderStream(reply, request) {
    const envelope = {
      id: mistralIdFor(reply),
      object: 'chat.completion.chunk',
      created: unixSeconds(),
      model: request.model,
    };
    const chunk = (delta: object, finishReason: string | null = null, usage = {}) =>
      JSON.stringify({
        ...envelope,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
        ...usage,
      });
    const events: StreamEvent[] = [{ data: chunk({ role: 'assistant', content: '' }) }];
    for (const text of splitIntoWords(reply.reasoning ?? '')) {
      events.push({ data: chunk({ content: [thinkingChunk(text)] }), content: true });
    }
    // Reasoning models send text as chunks too; the others send plain strings.
    for (const text of splitIntoWords(reply.text ?? '')) {
      const content = reply.reasoning === undefined ? text : [{ type: 'text', text }];
      events.push({ data: chunk({ content }), content: true });
    }
    if (reply.toolCall) {
      // Mistral streams a tool call whole, never its arguments in pieces.
      const toolCall = { ...renderToolCall(reply), index: 0 };
      events.push({ data: chunk({ content: null, tool_calls: [toolCall] }), content: true });
    }
    const usage = { usage: renderMistralUsage(reply.usage) };
    events.push({ data: chunk({ content: '' }, finishReasonOf(reply), usage), final: true });
    events.push({ data: '[DONE]', final: true });
    return events;
  },
  renderError: (status, message) => {
    const known = mistralErrors[status] ?? mistralErrors[status >= 500 ? 500 : 400];
    return {
      object: 'error',
      message: message ?? known?.message,
      type: known?.type,
      param: null,
      code: known?.code ?? null,
      raw_status_code: status,
    };
  },
  responseHeaders: (replyId) => ({ 'mistral-correlation-id': uuidFor(replyId) }),
};

const mistralErrors: Record<number, { message: string; type: string; code?: string }> = {
  400: { message: 'Invalid request', type: 'invalid_request_error' },
  401: { message: 'Unauthorized', type: 'unauthorized' },
  404: { message: 'Invalid model', type: 'invalid_model', code: '1500' },
  429: { message: 'Rate limit exceeded', type: 'rate_limited', code: '1300' },
  500: { message: 'Internal server error', type: 'internal_server_error' },
  503: { message: 'Service unavailable', type: 'service_unavailable' },
};

/** Mistral ids are 32 hex digits. */
function mistralIdFor(reply: MockReply): string {
  return uuidFor(reply.id).replaceAll('-', '');
}

/** Mistral requires tool call ids of exactly 9 letters and digits. */
function toolCallIdFor(reply: MockReply): string {
  return `mock${reply.id.replace(/\D/g, '').padStart(5, '0').slice(-5)}`;
}

function renderToolCall(reply: MockReply) {
  const { name = '', arguments: argumentsText = '' } = reply.toolCall ?? {};
  return { id: toolCallIdFor(reply), function: { name, arguments: argumentsText } };
}

function thinkingChunk(text: string) {
  return { type: 'thinking', thinking: [{ type: 'text', text }] };
}

function contentChunks(reply: MockReply): object[] {
  return [
    thinkingChunk(reply.reasoning ?? ''),
    ...(reply.text === undefined ? [] : [{ type: 'text', text: reply.text }]),
  ];
}

function finishReasonOf(reply: MockReply): string {
  return reply.toolCall ? 'tool_calls' : 'stop';
}

function renderMistralUsage(usage: MockUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    completion_tokens: usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    service_tier: 'standard',
  };
}
