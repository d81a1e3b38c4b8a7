import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type { MockReply, MockRequest, ToolChoice } from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import { renderOpenAIError } from './openai-error.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { unixSeconds } from './wire-format.ts';

/** OpenAI Responses API: `POST {base}/responses`, the default of `openai(modelId)`. */
export const openaiResponses: WireFormat = {
  name: 'openai-responses',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/responses'),
  parseRequest(body) {
    const request = recordOf(body);
    const items = typeof request.input === 'string' ? [] : arrayOf(request.input).map(recordOf);
    const last = items.at(-1);
    const lastUser = items.findLast((item) => item.role === 'user');
    return {
      model: stringOf(request.model) ?? '',
      stream: request.stream === true,
      includeStreamUsage: true,
      lastUserText: stringOf(request.input) ?? textOf(lastUser?.content),
      toolResult: last?.type === 'function_call_output' ? textOf(last.output) : undefined,
      tools: arrayOf(request.tools).flatMap((tool) => {
        const definition = recordOf(tool);
        const name = stringOf(definition.name);
        const isFunction = definition.type === 'function' && name !== undefined;
        return isFunction ? [{ name, inputSchema: definition.parameters }] : [];
      }),
      toolChoice: parseResponsesToolChoice(request.tool_choice),
      inputCharacters: JSON.stringify([request.instructions ?? '', request.input ?? '']).length,
    };
  },
  renderResponse: (reply, request) => renderResponseObject(reply, request, 'completed'),
  renderStream(reply, request) {
    const events: StreamEvent[] = [];
    const emit = (type: string, payload: object, flags: Omit<StreamEvent, 'data'> = {}) => {
      const data = JSON.stringify({ type, sequence_number: events.length, ...payload });
      events.push({ event: type, data, ...flags });
    };
    emit('response.created', { response: renderResponseObject(reply, request, 'in_progress') });
    emit('response.in_progress', { response: renderResponseObject(reply, request, 'in_progress') });
    outputItems(reply).forEach((item, outputIndex) => {
      const position = { item_id: item.id, output_index: outputIndex };
      emit('response.output_item.added', { output_index: outputIndex, item: startedItem(item) });
      if (item.type === 'reasoning') {
        const text = item.summary[0]?.text ?? '';
        const summary = { ...position, summary_index: 0 };
        emit('response.reasoning_summary_part.added', { ...summary, part: summaryText('') });
        for (const delta of splitIntoWords(text)) {
          emit('response.reasoning_summary_text.delta', { ...summary, delta }, { content: true });
        }
        emit('response.reasoning_summary_text.done', { ...summary, text });
        emit('response.reasoning_summary_part.done', { ...summary, part: summaryText(text) });
      } else if (item.type === 'message') {
        const text = item.content[0]?.text ?? '';
        const part = { ...position, content_index: 0 };
        emit('response.content_part.added', { ...part, part: outputText('') });
        for (const delta of splitIntoWords(text)) {
          emit('response.output_text.delta', { ...part, delta, logprobs: [] }, { content: true });
        }
        emit('response.output_text.done', { ...part, text, logprobs: [] });
        emit('response.content_part.done', { ...part, part: outputText(text) });
      } else {
        for (const delta of splitIntoParts(item.arguments)) {
          emit('response.function_call_arguments.delta', { ...position, delta }, { content: true });
        }
        emit('response.function_call_arguments.done', { ...position, arguments: item.arguments });
      }
      emit('response.output_item.done', { output_index: outputIndex, item });
    });
    const response = renderResponseObject(reply, request, 'completed');
    emit('response.completed', { response }, { final: true });
    return events;
  },
  renderError: renderOpenAIError,
  responseHeaders: (replyId) => ({ 'x-request-id': `req_${replyId}`, 'openai-processing-ms': '1' }),
};

type OutputItem = ReturnType<typeof outputItems>[number];

function outputItems(reply: MockReply) {
  const reasoning = reply.reasoning === undefined ? [] : [reasoningItem(reply.id, reply.reasoning)];
  const answer = reply.toolCall
    ? {
        id: `fc_${reply.id}`,
        type: 'function_call' as const,
        status: 'completed',
        arguments: reply.toolCall.arguments,
        call_id: `call_${reply.id}`,
        name: reply.toolCall.name,
      }
    : {
        id: `msg_${reply.id}`,
        type: 'message' as const,
        status: 'completed',
        role: 'assistant',
        content: [outputText(reply.text ?? '')],
      };
  return [...reasoning, answer];
}

function reasoningItem(id: string, text: string) {
  // xAI requires the status that OpenAI sends on reasoning items too.
  return {
    id: `rs_${id}`,
    type: 'reasoning' as const,
    status: 'completed',
    summary: [summaryText(text)],
  };
}

/** The item as `response.output_item.added` announces it, before any content. */
function startedItem(item: OutputItem) {
  if (item.type === 'reasoning') return { ...item, status: 'in_progress', summary: [] };
  if (item.type === 'message') return { ...item, status: 'in_progress', content: [] };
  return { ...item, status: 'in_progress', arguments: '' };
}

function summaryText(text: string) {
  return { type: 'summary_text', text };
}

function outputText(text: string) {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function renderResponseObject(reply: MockReply, request: MockRequest, status: string) {
  const completed = status === 'completed';
  const { usage } = reply;
  return {
    id: `resp_${reply.id}`,
    object: 'response',
    created_at: unixSeconds(),
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: request.model,
    output: completed ? outputItems(reply) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: completed
      ? {
          input_tokens: usage.inputTokens,
          input_tokens_details: { cached_tokens: usage.cachedInputTokens },
          output_tokens: usage.outputTokens,
          output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
          total_tokens: usage.inputTokens + usage.outputTokens,
        }
      : null,
    user: null,
    metadata: {},
  };
}

function parseResponsesToolChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required') return { type: choice };
  const name = stringOf(recordOf(choice).name);
  return name === undefined ? { type: 'auto' } : { type: 'tool', name };
}
