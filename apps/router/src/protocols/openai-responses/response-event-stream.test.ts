import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors/index.ts';
import { RateLimitedError } from '../../errors/rate-limited-error.ts';
import { parseRequest } from '../parse-request.ts';
import { encodeEvents } from '../sse-response.ts';
import type { ResponseContext } from './convert-to-response.ts';
import { openReasoning } from './reasoning-envelope.ts';
import { createResponseEventStream } from './response-event-stream.ts';
import { echoOf } from './response-object.ts';
import { responsesRequestSchema } from './responses-request.ts';
import { ToolNames } from './tool-names.ts';

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 10, noCache: 4, cacheRead: 6, cacheWrite: undefined },
  outputTokens: { total: 7, text: 4, reasoning: 3 },
};
const stop = { unified: 'stop', raw: 'stop' } as const;

function context(names = new ToolNames()): ResponseContext {
  return {
    identity: { id: 'resp_abc', createdAt: 1_700_000_000, model: 'anthropic/claude' },
    echo: echoOf(parseRequest(responsesRequestSchema, { model: 'm', input: 'hi' })),
    names,
  };
}

interface Event {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

async function encode(parts: LanguageModelV4StreamPart[], names?: ToolNames): Promise<Event[]> {
  const source = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const text = await new Response(
    encodeEvents(source, createResponseEventStream(context(names))),
  ).text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const event = JSON.parse(dataLine?.replace(/^data: /, '') ?? '') as Event;
      expect(eventLine).toBe(`event: ${event.type}`);
      return event;
    });
}

const types = (events: Event[]) => events.map((event) => event.type);
const last = (events: Event[]) => events.at(-1) as Event & { response: Record<string, unknown> };

describe('createResponseEventStream', () => {
  it('sends a text answer as the full event sequence, numbered from 0, ending in response.completed', async () => {
    const events = await encode([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Hello ' },
      { type: 'text-delta', id: 't1', delta: 'world' },
      { type: 'text-end', id: 't1' },
      { type: 'finish', finishReason: stop, usage },
    ]);
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[2]).toMatchObject({
      output_index: 0,
      item: { type: 'message', status: 'in_progress', content: [] },
    });
    expect(events[6]).toMatchObject({ text: 'Hello world', content_index: 0 });
    const item = {
      type: 'message',
      id: expect.stringMatching(/^msg_/),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hello world', annotations: [], logprobs: [] }],
    };
    expect(events[8]).toMatchObject({ output_index: 0, item });
    expect(last(events).response).toMatchObject({
      id: 'resp_abc',
      object: 'response',
      status: 'completed',
      model: 'anthropic/claude',
      output: [item],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 6 },
        output_tokens: 7,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 17,
      },
    });
  });

  it('sends reasoning as summary events with its signature sealed, then a function call with argument deltas', async () => {
    const names = new ToolNames();
    names.add({ name: 'close_agent', namespace: 'agents' }, 'tools[0]');
    const events = await encode(
      [
        { type: 'reasoning-start', id: 'r1' },
        { type: 'reasoning-delta', id: 'r1', delta: 'Let me ' },
        { type: 'reasoning-delta', id: 'r1', delta: 'think.' },
        {
          type: 'reasoning-delta',
          id: 'r1',
          delta: '',
          providerMetadata: { anthropic: { signature: 'sig' } },
        },
        { type: 'reasoning-end', id: 'r1' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'agents__close_agent' },
        { type: 'tool-input-delta', id: 'call_1', delta: '{"id":' },
        { type: 'tool-input-delta', id: 'call_1', delta: '"a"}' },
        { type: 'tool-input-end', id: 'call_1' },
        {
          type: 'tool-call',
          toolCallId: 'call_1',
          toolName: 'agents__close_agent',
          input: '{"id":"a"}',
        },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
      ],
      names,
    );
    expect(types(events).slice(2)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const reasoning = events[8]?.item as { summary: unknown; encrypted_content: string };
    expect(reasoning.summary).toEqual([{ type: 'summary_text', text: 'Let me think.' }]);
    expect(openReasoning(reasoning.encrypted_content)).toEqual({ anthropic: { signature: 'sig' } });
    expect(events[9]).toMatchObject({
      output_index: 1,
      item: { type: 'function_call', call_id: 'call_1', name: 'close_agent', arguments: '' },
    });
    expect(events[13]).toMatchObject({
      output_index: 1,
      item: {
        type: 'function_call',
        status: 'completed',
        call_id: 'call_1',
        name: 'close_agent',
        namespace: 'agents',
        arguments: '{"id":"a"}',
      },
    });
    expect((last(events).response.output as unknown[]).length).toBe(2);
  });

  it('keeps interleaved items apart, each at the output index it was announced with', async () => {
    const events = await encode([
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Calling.' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
      { type: 'text-delta', id: 't1', delta: ' Done.' },
      { type: 'text-end', id: 't1' },
      { type: 'finish', finishReason: stop, usage },
    ]);
    const deltas = events.filter((event) => event.type === 'response.output_text.delta');
    expect(deltas.map((event) => event.output_index)).toEqual([0, 0]);
    expect(last(events).response.output).toMatchObject([
      { type: 'message', content: [{ text: 'Calling. Done.' }] },
      { type: 'function_call', call_id: 'c1', arguments: '{}' },
    ]);
  });

  it('ends an answer cut short by max_output_tokens with response.completed, status incomplete', async () => {
    const events = await encode([
      { type: 'text-delta', id: 't1', delta: 'Once upon' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage },
    ]);
    expect(last(events).type).toBe('response.completed');
    expect(last(events).response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete', content: [{ text: 'Once upon' }] }],
    });
  });

  it('ends a stream that closes without a finish with response.failed, never a bare close', async () => {
    const events = await encode([{ type: 'text-delta', id: 't1', delta: 'Half an' }]);
    expect(types(events).at(-1)).toBe('response.failed');
    expect(last(events).response).toMatchObject({
      status: 'failed',
      error: { code: 'server_error' },
      output: [{ type: 'message', status: 'incomplete', content: [{ text: 'Half an' }] }],
      usage: null,
    });
  });

  it.each([
    [
      'context_length_exceeded',
      new UpstreamError({
        provider: 'p',
        message: 'too long',
        upstreamStatus: 400,
        code: 'context_length_exceeded',
        isRetryable: false,
      }),
    ],
    [
      'rate_limit_exceeded',
      new RateLimitedError({ message: 'slow down', code: 'rpm', retryAfterMs: 1500 }),
    ],
    [
      'insufficient_quota',
      new UpstreamError({ provider: 'p', message: 'pay', upstreamStatus: 402, isRetryable: false }),
    ],
  ])(
    'reports a failure after the start as response.failed with error.code %s',
    async (code, error) => {
      const events = await encode([
        { type: 'text-delta', id: 't1', delta: 'Hi' },
        { type: 'error', error },
      ]);
      expect(types(events).at(-1)).toBe('response.failed');
      const failed = last(events).response as { error: { code: string; message: string } };
      expect(failed.error.code).toBe(code);
      if (code === 'rate_limit_exceeded') expect(failed.error.message).toMatch(/try again in 2s/);
      expect(events.filter((event) => event.type === 'response.completed')).toEqual([]);
    },
  );

  it('reports a finish with an error reason as response.failed', async () => {
    const events = await encode([
      { type: 'text-delta', id: 't1', delta: 'Hi' },
      { type: 'finish', finishReason: { unified: 'error', raw: 'error' }, usage },
    ]);
    expect(types(events).at(-1)).toBe('response.failed');
  });
});
