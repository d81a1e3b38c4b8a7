import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '../errors/index.ts';
import { readParts } from '../providers/mock/test-support.ts';
import { openStream } from './open-stream.ts';

const start: LanguageModelV4StreamPart = { type: 'stream-start', warnings: [] };
const textStart: LanguageModelV4StreamPart = { type: 'text-start', id: 't' };
const delta = (text: string): LanguageModelV4StreamPart => ({
  type: 'text-delta',
  id: 't',
  delta: text,
});

/** A source the test drives by hand, recording whether and why it was cancelled. */
function controlledSource(initial: LanguageModelV4StreamPart[] = []) {
  let controller!: ReadableStreamDefaultController<LanguageModelV4StreamPart>;
  const cancelled: unknown[] = [];
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(streamController) {
      controller = streamController;
      for (const part of initial) controller.enqueue(part);
    },
    cancel(reason) {
      cancelled.push(reason);
    },
  });
  return { stream, controller, cancelled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('openStream', () => {
  it('resolves at the first content part and replays the prelude before it', async () => {
    const source = controlledSource([
      start,
      { type: 'response-metadata', id: 'r1' },
      textStart,
      delta('Hel'),
      delta('lo'),
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: emptyUsage() },
    ]);
    source.controller.close();
    const parts = await readParts(await openStream(source.stream, 'openai'));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
      'finish',
    ]);
  });

  it('does not resolve while only prelude parts have arrived', async () => {
    const source = controlledSource([start, textStart, { type: 'ping' }]);
    let resolved = false;
    const opened = openStream(source.stream, 'openai').then((stream) => {
      resolved = true;
      return stream;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(resolved).toBe(false);
    source.controller.enqueue(delta('x'));
    source.controller.close();
    expect((await readParts(await opened)).at(-1)).toEqual(delta('x'));
  });

  it('throws the read error when the stream fails before content', async () => {
    const source = controlledSource([start]);
    const failure = new Error('connection reset');
    source.controller.error(failure);
    await expect(openStream(source.stream, 'openai')).rejects.toBe(failure);
  });

  it('throws a retryable upstream_empty_stream when the stream ends before content', async () => {
    const source = controlledSource([start, textStart]);
    source.controller.close();
    const error = await openStream(source.stream, 'anthropic').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'upstream_empty_stream',
      isRetryable: true,
      provider: 'anthropic',
    });
  });

  it('throws the error of an error part that comes before content and cancels the source', async () => {
    const failure = new Error('overloaded');
    const source = controlledSource([start, { type: 'error', error: failure }]);
    await expect(openStream(source.stream, 'openai')).rejects.toBe(failure);
    expect(source.cancelled).toEqual([failure]);
  });

  it('turns a read failure after content into an error part and closes', async () => {
    const source = controlledSource([textStart, delta('par')]);
    const opened = await openStream(source.stream, 'openai');
    const failure = new Error('socket closed');
    source.controller.error(failure);
    expect(await readParts(opened)).toEqual([
      textStart,
      delta('par'),
      { type: 'error', error: failure },
    ]);
  });

  it('passes error parts after content through unchanged', async () => {
    const failure = new Error('late');
    const source = controlledSource([delta('a'), { type: 'error', error: failure }, delta('b')]);
    source.controller.close();
    expect(await readParts(await openStream(source.stream, 'openai'))).toEqual([
      delta('a'),
      { type: 'error', error: failure },
      delta('b'),
    ]);
  });

  it('propagates cancel to the source with its reason', async () => {
    const source = controlledSource([delta('a')]);
    const opened = await openStream(source.stream, 'openai');
    await opened.cancel('client went away');
    expect(source.cancelled).toEqual(['client went away']);
  });
});

describe('openStream idle timeout', () => {
  it('never idles out a slow reader when the upstream already sent everything', async () => {
    vi.useFakeTimers();
    const source = controlledSource([textStart, delta('a'), delta('b'), delta('c')]);
    source.controller.close();
    const onIdle = vi.fn();
    const opened = await openStream(source.stream, 'openai', { idleTimeoutMs: 100, onIdle });
    const reader = opened.getReader();
    const parts: LanguageModelV4StreamPart[] = [];
    for (;;) {
      // The client takes ten idle timeouts between reads.
      await vi.advanceTimersByTimeAsync(1_000);
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    expect(parts).toEqual([textStart, delta('a'), delta('b'), delta('c')]);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('never idles out an upstream that keeps sending within the timeout', async () => {
    vi.useFakeTimers();
    const source = controlledSource([delta('0')]);
    const opened = await openStream(source.stream, 'openai', { idleTimeoutMs: 100 });
    const read = readParts(opened);
    for (let index = 1; index <= 20; index++) {
      await vi.advanceTimersByTimeAsync(60);
      source.controller.enqueue(delta(String(index)));
    }
    source.controller.close();
    const parts = await read;
    expect(parts).toHaveLength(21);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
  });

  it('ends a stream whose upstream stays silent with an error part and cancels the upstream', async () => {
    vi.useFakeTimers();
    const source = controlledSource([delta('a')]);
    const onIdle = vi.fn();
    const opened = await openStream(source.stream, 'openai', { idleTimeoutMs: 100, onIdle });
    const read = readParts(opened);
    await vi.advanceTimersByTimeAsync(99);
    expect(onIdle).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    const parts = await read;
    expect(parts).toEqual([
      delta('a'),
      { type: 'error', error: expect.objectContaining({ code: 'stream_interrupted' }) },
    ]);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(source.cancelled).toHaveLength(1);
  });
});

describe('openStream before the first content', () => {
  it('gives up when its signal aborts, even if the source ignores cancellation', async () => {
    const source = controlledSource([start]);
    const deadline = new AbortController();
    const opened = openStream(source.stream, 'openai', { signal: deadline.signal });
    const reason = new Error('no first token');
    deadline.abort(reason);
    await expect(opened).rejects.toBe(reason);
    expect(source.cancelled).toEqual([reason]);
  });
});

function emptyUsage() {
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 0, text: 0, reasoning: undefined },
  };
}
