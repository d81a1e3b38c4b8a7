import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type { MockReply, MockToolCall, MockUsage, ToolChoice } from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import { parseFunctionTools } from './openai-chat.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { uuidFor } from './wire-format.ts';

/** Cohere v2 Chat: `POST {base}/chat` (base `.../v2`), JSON, or typed SSE with `stream: true`. */
export const cohereChat: WireFormat = {
  name: 'cohere-chat',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/chat'),
  parseRequest(body) {
    const request = recordOf(body);
    const messages = arrayOf(request.messages).map(recordOf);
    const last = messages.at(-1);
    const lastUser = messages.findLast((message) => message.role === 'user');
    return {
      model: stringOf(request.model) ?? '',
      stream: request.stream === true,
      includeStreamUsage: true,
      lastUserText: textOf(lastUser?.content),
      toolResult: last?.role === 'tool' ? textOf(last.content) : undefined,
      tools: parseFunctionTools(request.tools),
      toolChoice: parseCohereToolChoice(request.tool_choice),
      inputCharacters: JSON.stringify([request.messages ?? [], request.documents ?? []]).length,
    };
  },
  renderResponse: (reply) => ({
    id: uuidFor(reply.id),
    message: {
      role: 'assistant',
      ...(reply.toolCall
        ? { tool_plan: toolPlanFor(reply.toolCall), tool_calls: [renderToolCall(reply)] }
        : {}),
      ...(contentOf(reply).length > 0 && { content: contentOf(reply) }),
    },
    finish_reason: finishReasonOf(reply),
    usage: renderCohereUsage(reply.usage),
  }),
  renderStream(reply) {
    const events: StreamEvent[] = [];
    const emit = (type: string, payload: object, flags: Omit<StreamEvent, 'data'> = {}) => {
      events.push({ event: type, data: JSON.stringify({ type, ...payload }), ...flags });
    };
    const start = { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] };
    emit('message-start', { id: uuidFor(reply.id), delta: { message: start } });
    let index = 0;
    const block = (opening: object, deltas: object[]) => {
      emit('content-start', { index, delta: { message: { content: opening } } });
      for (const content of deltas) {
        emit('content-delta', { index, delta: { message: { content } } }, { content: true });
      }
      emit('content-end', { index: index++ });
    };
    if (reply.reasoning !== undefined) {
      const pieces = splitIntoWords(reply.reasoning).map((thinking) => ({ thinking }));
      block({ type: 'thinking', thinking: '' }, pieces);
    }
    if (reply.text !== undefined) {
      block(
        { type: 'text', text: '' },
        splitIntoWords(reply.text).map((text) => ({ text })),
      );
    }
    if (reply.toolCall) {
      for (const plan of splitIntoWords(toolPlanFor(reply.toolCall))) {
        emit('tool-plan-delta', { delta: { message: { tool_plan: plan } } });
      }
      const call = {
        ...renderToolCall(reply),
        function: { name: reply.toolCall.name, arguments: '' },
      };
      emit('tool-call-start', { index: 0, delta: { message: { tool_calls: call } } });
      for (const piece of splitIntoParts(reply.toolCall.arguments)) {
        const toolCalls = { function: { arguments: piece } };
        emit(
          'tool-call-delta',
          { index: 0, delta: { message: { tool_calls: toolCalls } } },
          {
            content: true,
          },
        );
      }
      emit('tool-call-end', { index: 0 });
    }
    const end = { finish_reason: finishReasonOf(reply), usage: renderCohereUsage(reply.usage) };
    emit('message-end', { delta: end }, { final: true });
    return events;
  },
  renderError: (status, message) => ({
    id: uuidFor('0'),
    message:
      message ??
      cohereErrorMessages[status] ??
      cohereErrorMessages[status >= 500 ? 500 : 400] ??
      'Mock upstream error',
  }),
  responseHeaders: (replyId) => ({ 'x-debug-trace-id': uuidFor(replyId).replaceAll('-', '') }),
};

const cohereErrorMessages: Record<number, string> = {
  400: 'invalid request: the request body could not be processed.',
  401: 'invalid api token',
  404: 'model not found, make sure the correct model ID was used and that you have access to it.',
  429: 'You are past the per minute request limit, please wait and try again later.',
  500: 'internal server error, this has been reported to our developers',
  503: 'service unavailable, please try again later',
};

function parseCohereToolChoice(choice: unknown): ToolChoice {
  if (choice === 'NONE') return { type: 'none' };
  return choice === 'REQUIRED' ? { type: 'required' } : { type: 'auto' };
}

function contentOf(reply: MockReply): object[] {
  return [
    ...(reply.reasoning === undefined ? [] : [{ type: 'thinking', thinking: reply.reasoning }]),
    ...(reply.text === undefined ? [] : [{ type: 'text', text: reply.text }]),
  ];
}

/** Cohere models state a plan before calling tools. */
function toolPlanFor(toolCall: MockToolCall): string {
  return `I will use the ${toolCall.name} tool.`;
}

function renderToolCall(reply: MockReply) {
  const { name = '', arguments: argumentsText = '' } = reply.toolCall ?? {};
  return {
    id: `${name}_${reply.id}`,
    type: 'function',
    function: { name, arguments: argumentsText },
  };
}

function finishReasonOf(reply: MockReply): string {
  return reply.toolCall ? 'TOOL_CALL' : 'COMPLETE';
}

/** `tokens` is what the model read and wrote; `billed_units` what is charged (the same here). */
function renderCohereUsage(usage: MockUsage) {
  const tokens = { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens };
  return { billed_units: tokens, tokens, cached_tokens: usage.cachedInputTokens };
}
