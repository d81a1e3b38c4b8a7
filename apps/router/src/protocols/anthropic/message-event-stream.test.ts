import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { encodeEvents } from '../sse-response.ts';
import { createMessageEventStream } from './message-event-stream.ts';

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 30, noCache: 10, cacheRead: 15, cacheWrite: 5 },
  outputTokens: { total: 7, text: 7, reasoning: undefined },
};
const finish = (unified: 'stop' | 'tool-calls' | 'error' = 'stop'): LanguageModelV4StreamPart => ({
  type: 'finish',
  finishReason: { unified, raw: undefined },
  usage,
});

interface Event {
  event: string;
  data: Record<string, unknown>;
}

async function encode(parts: LanguageModelV4StreamPart[], model = 'openai/gpt-4o') {
  const source = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const text = await new Response(
    encodeEvents(source, createMessageEventStream({ id: 'msg_1', model })),
  ).text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame): Event => {
      const [eventLine = '', dataLine = ''] = frame.split('\n');
      const data = JSON.parse(dataLine.replace(/^data: /, ''));
      const event = eventLine.replace(/^event: /, '');
      expect(data.type).toBe(event);
      return { event, data };
    });
}

/** Events without the opening `message_start` and `ping`, in a compact form. */
const body = (events: Event[]) =>
  events.slice(2).map(({ event, data }) => {
    if (event === 'content_block_start') return ['start', data.index, data.content_block];
    if (event === 'content_block_delta') return ['delta', data.index, data.delta];
    if (event === 'content_block_stop') return ['stop', data.index];
    return [event];
  });

describe('createMessageEventStream', () => {
  it('opens with one message_start carrying zero usage with the cache fields, then a ping', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      { type: 'text-end', id: 't' },
      finish(),
    ]);
    expect(events.filter(({ event }) => event === 'message_start')).toHaveLength(1);
    expect(events[0]?.data.message).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-4o',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 0,
      },
    });
    expect(events[1]?.event).toBe('ping');
  });

  it('writes a text block, then message_delta with stop_reason and the whole usage, then message_stop', async () => {
    const events = await encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hello' },
      { type: 'text-delta', id: 't', delta: ' there' },
      { type: 'text-end', id: 't' },
      finish(),
    ]);
    expect(body(events)).toEqual([
      ['start', 0, { type: 'text', text: '' }],
      ['delta', 0, { type: 'text_delta', text: 'Hello' }],
      ['delta', 0, { type: 'text_delta', text: ' there' }],
      ['stop', 0],
      ['message_delta'],
      ['message_stop'],
    ]);
    expect(events.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 15,
        output_tokens: 7,
      },
    });
  });

  it('writes thinking with thinking_delta and a signature_delta naming the provider before the text', async () => {
    const events = await encode(
      [
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Let me think' },
        {
          type: 'reasoning-delta',
          id: 'r',
          delta: '',
          providerMetadata: { anthropic: { signature: 'EqQB' } },
        },
        { type: 'reasoning-end', id: 'r' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Done' },
        { type: 'text-end', id: 't' },
        finish(),
      ],
      'anthropic/claude-sonnet-4-5',
    );
    expect(body(events).slice(0, 6)).toEqual([
      ['start', 0, { type: 'thinking', thinking: '', signature: '' }],
      ['delta', 0, { type: 'thinking_delta', thinking: 'Let me think' }],
      ['delta', 0, { type: 'signature_delta', signature: 'switchyard:anthropic:EqQB' }],
      ['stop', 0],
      ['start', 1, { type: 'text', text: '' }],
      ['delta', 1, { type: 'text_delta', text: 'Done' }],
    ]);
  });

  it('gives reasoning of a provider that does not sign it a signature that only names the provider', async () => {
    const events = await encode([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'reasoning-end', id: 'r' },
      finish(),
    ]);
    expect(body(events)[2]).toEqual([
      'delta',
      0,
      { type: 'signature_delta', signature: 'switchyard:openai:' },
    ]);
  });

  it('writes redacted thinking as one redacted_thinking block with its data marked', async () => {
    const events = await encode(
      [
        {
          type: 'reasoning-start',
          id: 'r',
          providerMetadata: { anthropic: { redactedData: 'c2VjcmV0' } },
        },
        { type: 'reasoning-end', id: 'r' },
        finish(),
      ],
      'anthropic/claude-sonnet-4-5',
    );
    expect(body(events).slice(0, 2)).toEqual([
      ['start', 0, { type: 'redacted_thinking', data: 'switchyard:anthropic:c2VjcmV0' }],
      ['stop', 0],
    ]);
  });

  it('opens a new block with the next index when thinking and text interleave, never mixing them', async () => {
    const events = await encode([
      { type: 'reasoning-delta', id: 'r', delta: 'a' },
      { type: 'text-delta', id: 't', delta: 'b' },
      { type: 'reasoning-delta', id: 'r', delta: 'c' },
      finish(),
    ]);
    const steps = body(events);
    expect(steps.map((step) => step.slice(0, 2))).toEqual([
      ['start', 0],
      ['delta', 0],
      ['delta', 0],
      ['stop', 0],
      ['start', 1],
      ['delta', 1],
      ['stop', 1],
      ['start', 2],
      ['delta', 2],
      ['delta', 2],
      ['stop', 2],
      ['message_delta'],
      ['message_stop'],
    ]);
    for (const [kind, index, payload] of steps) {
      if (kind !== 'delta') continue;
      const block = steps.find((step) => step[0] === 'start' && step[1] === index)?.[2] as {
        type: string;
      };
      const type = (payload as { type: string }).type;
      expect(
        block.type === 'text' ? ['text_delta'] : ['thinking_delta', 'signature_delta'],
      ).toContain(type);
    }
  });

  it('streams a tool call as tool_use with input_json_delta and stops with tool_use', async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 'call_1', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_1' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
      },
      finish('tool-calls'),
    ]);
    expect(body(events)).toEqual([
      ['start', 0, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} }],
      ['delta', 0, { type: 'input_json_delta', partial_json: '{"city":' }],
      ['delta', 0, { type: 'input_json_delta', partial_json: '"Paris"}' }],
      ['stop', 0],
      ['message_delta'],
      ['message_stop'],
    ]);
    expect(events.at(-2)?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('writes a tool call that came whole as one block with its whole input', async () => {
    const events = await encode([
      { type: 'text-delta', id: 't', delta: 'Calling' },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'lookup', input: '{"q":1}' },
      finish('tool-calls'),
    ]);
    expect(body(events).slice(2, 6)).toEqual([
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'call_2', name: 'lookup', input: {} }],
      ['delta', 1, { type: 'input_json_delta', partial_json: '{"q":1}' }],
      ['stop', 1],
    ]);
  });

  it('holds other blocks back while a tool block is open, so its input is never split', async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 'a', toolName: 'one' },
      { type: 'tool-input-delta', id: 'a', delta: '{"x"' },
      { type: 'tool-input-start', id: 'b', toolName: 'two' },
      { type: 'tool-input-delta', id: 'b', delta: '{}' },
      { type: 'text-delta', id: 't', delta: 'meanwhile' },
      { type: 'tool-input-delta', id: 'a', delta: ':1}' },
      { type: 'tool-input-end', id: 'a' },
      { type: 'tool-input-end', id: 'b' },
      finish('tool-calls'),
    ]);
    expect(body(events)).toEqual([
      ['start', 0, { type: 'tool_use', id: 'a', name: 'one', input: {} }],
      ['delta', 0, { type: 'input_json_delta', partial_json: '{"x"' }],
      ['delta', 0, { type: 'input_json_delta', partial_json: ':1}' }],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'b', name: 'two', input: {} }],
      ['delta', 1, { type: 'input_json_delta', partial_json: '{}' }],
      ['stop', 1],
      ['start', 2, { type: 'text', text: '' }],
      ['delta', 2, { type: 'text_delta', text: 'meanwhile' }],
      ['stop', 2],
      ['message_delta'],
      ['message_stop'],
    ]);
  });

  it('leaves out tool calls the provider ran itself', async () => {
    const events = await encode([
      { type: 'tool-input-start', id: 's', toolName: 'web_search', providerExecuted: true },
      { type: 'tool-input-delta', id: 's', delta: '{}' },
      {
        type: 'tool-call',
        toolCallId: 's',
        toolName: 'web_search',
        input: '{}',
        providerExecuted: true,
      },
      { type: 'text-delta', id: 't', delta: 'found' },
      finish(),
    ]);
    expect(body(events)[0]).toEqual(['start', 0, { type: 'text', text: '' }]);
  });

  it('ends a stream that fails after it started with event: error, never message_stop', async () => {
    const overloaded = new APICallError({
      message: 'Overloaded',
      url: 'https://api.anthropic.com/v1/messages',
      requestBodyValues: {},
      statusCode: 529,
    });
    const events = await encode([
      { type: 'text-delta', id: 't', delta: 'par' },
      { type: 'error', error: overloaded },
      { type: 'text-delta', id: 't', delta: 'tial' },
    ]);
    expect(body(events)).toEqual([
      ['start', 0, { type: 'text', text: '' }],
      ['delta', 0, { type: 'text_delta', text: 'par' }],
      ['error'],
    ]);
    expect(events.at(-1)?.data).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('529') },
    });
  });

  it('ends with event: error when the stream stops without a finish or finishes with an error', async () => {
    const cut = await encode([{ type: 'text-delta', id: 't', delta: 'par' }]);
    expect(cut.at(-1)?.event).toBe('error');
    expect(cut.map(({ event }) => event)).not.toContain('message_stop');
    const failed = await encode([{ type: 'text-delta', id: 't', delta: 'x' }, finish('error')]);
    expect(failed.at(-1)?.data.error).toMatchObject({ type: 'api_error' });
    expect(failed.map(({ event }) => event)).not.toContain('message_delta');
  });
});
