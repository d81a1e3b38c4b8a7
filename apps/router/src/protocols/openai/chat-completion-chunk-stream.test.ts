import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { readSSE } from '../../../test/support/read-sse.ts';
import { encodeEvents } from '../sse-response.ts';
import { createChatCompletionChunkStream } from './chat-completion-chunk-stream.ts';

const identity = { id: 'chatcmpl-1', model: 'chat', created: 1_700_000_000 };

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};

const finish = (unified: 'stop' | 'tool-calls' | 'error' = 'stop'): LanguageModelV4StreamPart => ({
  type: 'finish',
  finishReason: { unified, raw: undefined },
  usage,
});

interface ChunkEvent {
  object?: string;
  choices?: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown>;
  error?: { code: string; type: string; message: string };
}

/** Feeds parts through the transform and returns the raw `data:` payloads. */
async function run(parts: LanguageModelV4StreamPart[], includeUsage = false): Promise<string[]> {
  const source = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const body = encodeEvents(source, createChatCompletionChunkStream(identity, { includeUsage }));
  return readSSE(new Response(body));
}

const decode = (data: string[]): ChunkEvent[] =>
  data.filter((line) => line !== '[DONE]').map((line) => JSON.parse(line) as ChunkEvent);

const deltas = (data: string[]) =>
  decode(data).flatMap((event) => event.choices?.map((choice) => choice.delta) ?? []);
const finishReasons = (data: string[]) =>
  decode(data).flatMap(
    (event) => event.choices?.flatMap((choice) => choice.finish_reason ?? []) ?? [],
  );

describe('createChatCompletionChunkStream', () => {
  it('opens with an assistant role chunk carrying the completion identity', async () => {
    const [first] = decode(await run([finish()]));
    expect(first).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'chat',
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '' },
          logprobs: null,
          finish_reason: null,
        },
      ],
    });
  });

  it('streams reasoning and text deltas, skipping empty ones and lifecycle parts', async () => {
    const data = await run([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      finish(),
    ]);
    expect(deltas(data)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Hmm.' },
      { content: 'Hel' },
      { content: 'lo' },
      {},
    ]);
    expect(finishReasons(data)).toEqual(['stop']);
    expect(data.at(-1)).toBe('[DONE]');
  });

  it('streams tool input as it arrives and does not repeat it for the final tool-call', async () => {
    const data = await run([
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
    expect(deltas(data).slice(1)).toEqual([
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {},
    ]);
    expect(finishReasons(data)).toEqual(['tool_calls']);
  });

  it('emits a tool-call that had no input-start as one complete call, indexing calls in order', async () => {
    const data = await run([
      { type: 'tool-input-start', id: 'call_a', toolName: 'a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'a', input: '{}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'b', input: '{"x":1}' },
      finish('tool-calls'),
    ]);
    expect(deltas(data)[2]).toEqual({
      tool_calls: [
        { index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{"x":1}' } },
      ],
    });
    expect(deltas(data)).toHaveLength(4);
  });

  it('hides provider-executed tool calls', async () => {
    const data = await run([
      { type: 'tool-input-start', id: 'ws', toolName: 'web_search', providerExecuted: true },
      { type: 'tool-input-delta', id: 'ws', delta: '{}' },
      {
        type: 'tool-call',
        toolCallId: 'ws',
        toolName: 'web_search',
        input: '{}',
        providerExecuted: true,
      },
      { type: 'text-delta', id: 't', delta: 'ok' },
      finish(),
    ]);
    expect(deltas(data)).toEqual([{ role: 'assistant', content: '' }, { content: 'ok' }, {}]);
  });

  it('ends with the finish chunk and [DONE], without a usage chunk unless asked', async () => {
    const data = await run([{ type: 'text-delta', id: 't', delta: 'hi' }, finish()]);
    expect(decode(data).some((event) => 'usage' in event)).toBe(false);
    expect(data.slice(-1)).toEqual(['[DONE]']);
  });

  it('sends a usage chunk with no choices between the finish chunk and [DONE] when asked', async () => {
    const data = await run([{ type: 'text-delta', id: 't', delta: 'hi' }, finish()], true);
    expect(data.at(-1)).toBe('[DONE]');
    expect(JSON.parse(data.at(-2) ?? '')).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'chat',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(finishReasons(data.slice(0, -2))).toEqual(['stop']);
  });

  it('ends an errored stream with an error chunk and event, no [DONE], ignoring later parts', async () => {
    const data = await run(
      [
        { type: 'text-delta', id: 't', delta: 'par' },
        { type: 'error', error: new Error('socket hang up') },
        { type: 'text-delta', id: 't', delta: 'tial' },
        finish(),
      ],
      true,
    );
    expect(data).not.toContain('[DONE]');
    const events = decode(data);
    expect(deltas(data)).toEqual([{ role: 'assistant', content: '' }, { content: 'par' }, {}]);
    expect(finishReasons(data)).toEqual(['error']);
    expect(events.at(-1)).toEqual({
      error: {
        message: 'The upstream stream failed after it had started.',
        type: 'upstream_error',
        param: null,
        code: 'stream_interrupted',
      },
    });
    expect(JSON.stringify(events)).not.toContain('socket hang up');
  });

  it('ends a stream that stops without a finish part with the error ending', async () => {
    const data = await run([{ type: 'text-delta', id: 't', delta: 'cut' }], true);
    expect(data).not.toContain('[DONE]');
    expect(finishReasons(data)).toEqual(['error']);
    expect(decode(data).at(-1)?.error?.code).toBe('stream_interrupted');
  });

  it('treats a finish with reason error as an interrupted stream', async () => {
    const data = await run([{ type: 'text-delta', id: 't', delta: 'x' }, finish('error')], true);
    expect(data).not.toContain('[DONE]');
    expect(finishReasons(data)).toEqual(['error']);
    expect(decode(data).at(-1)?.error).toMatchObject({
      code: 'stream_interrupted',
      message: 'The upstream stream finished with an error.',
    });
    expect(decode(data).some((event) => 'usage' in event)).toBe(false);
  });
});
