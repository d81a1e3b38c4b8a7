import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { readSSE } from '../../../test/support/read-sse.ts';
import { encodeEvents } from '../sse-response.ts';
import { createStreamPartEventStream } from './stream-part-event-stream.ts';

const switchyard = { provider: 'anthropic', attempts: 2 };

const finish: LanguageModelV4StreamPart = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'end_turn' },
  usage: {
    inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 5, text: 2, reasoning: 3 },
  },
  providerMetadata: { anthropic: { cacheCreationInputTokens: 0 } },
};

/** Feeds parts through the transform; returns the decoded events and whether the source was cancelled. */
async function run(parts: LanguageModelV4StreamPart[]) {
  let cancelled = false;
  const source = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
    },
    pull(controller) {
      controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  const body = encodeEvents(
    source,
    createStreamPartEventStream(() => switchyard),
  );
  const events = (await readSSE(new Response(body))).map((data) => JSON.parse(data));
  return { events, cancelled };
}

describe('createStreamPartEventStream', () => {
  it('sends every part as one data event and puts the facts on finish, keeping the provider keys', async () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'msg_1', modelId: 'claude', timestamp: new Date(0) },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'tool-input-start', id: 'call_1', toolName: 'look' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{}' },
      { type: 'tool-input-end', id: 'call_1' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'look', input: '{}' },
      { type: 'source', sourceType: 'url', id: 's', url: 'https://example.com' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      finish,
    ];
    const { events } = await run(parts);
    expect(events.map((event) => event.type)).toEqual(parts.map((part) => part.type));
    expect(events[1]).toEqual({
      type: 'response-metadata',
      id: 'msg_1',
      modelId: 'claude',
      timestamp: '1970-01-01T00:00:00.000Z',
    });
    expect(events.at(-1)).toEqual({
      ...finish,
      providerMetadata: { anthropic: { cacheCreationInputTokens: 0 }, switchyard },
    });
  });

  it('sends generated file bytes as base64 and never sends raw upstream chunks', async () => {
    const { events } = await run([
      { type: 'raw', rawValue: { upstream: 'chunk' } },
      {
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'data', data: new Uint8Array([1, 2, 3]) },
      },
      finish,
    ]);
    expect(events[0]).toEqual({
      type: 'file',
      mediaType: 'image/png',
      data: { type: 'data', data: 'AQID' },
    });
    expect(events).toHaveLength(2);
  });

  it('turns an error part into a clean error event, then closes and cancels the upstream', async () => {
    const { events, cancelled } = await run([
      { type: 'text-delta', id: 't', delta: 'par' },
      {
        type: 'error',
        error: Object.assign(new Error('socket hang up'), { body: 'upstream body' }),
      },
      { type: 'text-delta', id: 't', delta: 'tial' },
      finish,
    ]);
    expect(events).toEqual([
      { type: 'text-delta', id: 't', delta: 'par' },
      {
        type: 'error',
        error: {
          message: 'The upstream stream failed after it had started.',
          type: 'internal_server_error',
          code: 'stream_interrupted',
        },
      },
    ]);
    expect(cancelled).toBe(true);
  });

  it('adds an error event when the stream ends without a finish part', async () => {
    const { events } = await run([{ type: 'text-delta', id: 't', delta: 'cut' }]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { type: 'internal_server_error', code: 'stream_interrupted' },
    });
  });
});
