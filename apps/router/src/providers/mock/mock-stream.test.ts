import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wordChunks } from './mock-stream.ts';
import { mockModel, readParts, userPrompt } from './test-support.ts';

const prompt = userPrompt('hello there');
const types = (parts: LanguageModelV4StreamPart[]) => parts.map((part) => part.type);
const deltas = (parts: LanguageModelV4StreamPart[]) =>
  parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));

describe('wordChunks', () => {
  it('splits into words that keep their trailing whitespace and rejoin to the text', () => {
    expect(wordChunks('Echo: hello  there\n')).toEqual(['Echo: ', 'hello  ', 'there\n']);
    expect(wordChunks(' lead')).toEqual([' lead']);
    expect(wordChunks('  ')).toEqual(['  ']);
    expect(wordChunks('')).toEqual([]);
  });
});

describe('createMockLanguageModel doStream', () => {
  it('streams the reply word by word between start metadata and a finish part', async () => {
    const { stream } = await mockModel().doStream({ prompt });
    expect(await readParts(stream)).toEqual([
      { type: 'stream-start', warnings: [] },
      {
        type: 'response-metadata',
        id: 'mock-1',
        timestamp: new Date('2025-01-01T00:00:00Z'),
        modelId: 'test-model',
      },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Echo: ' },
      { type: 'text-delta', id: 'text-0', delta: 'hello ' },
      { type: 'text-delta', id: 'text-0', delta: 'there' },
      { type: 'text-end', id: 'text-0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 5, text: 5, reasoning: 0 },
        },
      },
    ]);
  });

  it('streams reasoning before the text', async () => {
    const { stream } = await mockModel({ reasoning: 'Think first.', reply: 'Done.' }).doStream({
      prompt,
    });
    const parts = await readParts(stream);
    expect(types(parts).slice(2, -1)).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
    ]);
    expect(parts.at(-1)).toMatchObject({
      usage: { outputTokens: { text: 2, reasoning: 3, total: 5 } },
    });
  });

  it('streams a tool call as tool input parts followed by the call', async () => {
    const { stream } = await mockModel().doStream({
      prompt,
      tools: [
        {
          type: 'function',
          name: 'lookup',
          inputSchema: { type: 'object', properties: { n: { type: 'number' } } },
        },
      ],
    });
    expect((await readParts(stream)).slice(2)).toEqual([
      { type: 'tool-input-start', id: 'call_mock_1', toolName: 'lookup' },
      { type: 'tool-input-delta', id: 'call_mock_1', delta: '{"n":1}' },
      { type: 'tool-input-end', id: 'call_mock_1' },
      { type: 'tool-call', toolCallId: 'call_mock_1', toolName: 'lookup', input: '{"n":1}' },
      expect.objectContaining({
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      }),
    ]);
  });

  it('throws injected errors from doStream itself, before any stream exists', async () => {
    const model = mockModel({ errorStatus: 502, errorRate: 0.5 });
    await expect(model.doStream({ prompt })).resolves.toHaveProperty('stream');
    await expect(model.doStream({ prompt })).rejects.toSatisfy(
      (error) => APICallError.isInstance(error) && error.statusCode === 502 && error.isRetryable,
    );
  });

  it('cuts the stream after cutAfterChunks deltas with an error part and no finish', async () => {
    const { stream } = await mockModel({ reply: 'one two three four' }).doStream({ prompt });
    const whole = await readParts(stream);
    const cutModel = mockModel({ reply: 'one two three four', cutAfterChunks: 2 });
    const parts = await readParts((await cutModel.doStream({ prompt })).stream);
    expect(deltas(parts)).toEqual(['one ', 'two ']);
    expect(types(parts)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
      'error',
    ]);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(parts.at(-1)).toMatchObject({
      error: { isRetryable: true, message: expect.stringContaining('dropped after 2 chunks') },
    });
    expect(types(whole).at(-1)).toBe('finish');
  });

  it('finishes normally when the reply has no more chunks than cutAfterChunks', async () => {
    const { stream } = await mockModel({ reply: 'short', cutAfterChunks: 3 }).doStream({ prompt });
    expect(types(await readParts(stream)).at(-1)).toBe('finish');
  });
});

describe('createMockLanguageModel doStream timing and abort', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens after latencyMs, sends content after firstTokenMs and spaces chunks by chunkDelayMs', async () => {
    const start = Date.now();
    const model = mockModel({ reply: 'a b c', latencyMs: 100, firstTokenMs: 50, chunkDelayMs: 10 });
    const opened = model.doStream({ prompt }).then(async ({ stream }) => {
      const timeline: Array<[string, number]> = [['open', Date.now() - start]];
      for await (const part of stream) timeline.push([part.type, Date.now() - start]);
      return timeline;
    });
    await vi.runAllTimersAsync();
    expect(await opened).toEqual([
      ['open', 100],
      ['stream-start', 100],
      ['response-metadata', 100],
      ['text-start', 150],
      ['text-delta', 150],
      ['text-delta', 160],
      ['text-delta', 170],
      ['text-end', 170],
      ['finish', 170],
    ]);
  });

  it('errors the stream with the abort reason when aborted mid-stream and clears its timer', async () => {
    const controller = new AbortController();
    const model = mockModel({ reply: 'a b c d', chunkDelayMs: 1_000 });
    const { stream } = await model.doStream({ prompt, abortSignal: controller.signal });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const part of stream) seen.push(part.type);
    })();
    await vi.advanceTimersByTimeAsync(1_500);
    const reason = new Error('client disconnected');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(seen).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects doStream with the abort reason when aborted during latency', async () => {
    const controller = new AbortController();
    const result = mockModel({ latencyMs: 5_000 }).doStream({
      prompt,
      abortSignal: controller.signal,
    });
    controller.abort('stop');
    await expect(result).rejects.toBe('stop');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its pending timer when the consumer cancels the stream', async () => {
    const { stream } = await mockModel({ reply: 'a b', firstTokenMs: 10_000 }).doStream({ prompt });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    const pending = reader.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel('done');
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(vi.getTimerCount()).toBe(0);
  });
});
