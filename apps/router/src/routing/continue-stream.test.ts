import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import {
  continueStream,
  type OpenContinuation,
  type SegmentEnd,
  type StreamSegment,
} from './continue-stream.ts';
import { parseTarget, type Target } from './target.ts';

const streamOf = (parts: LanguageModelV4StreamPart[]) =>
  new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

/** A stream that has sent `parts` and then waits; records whether it was cancelled. */
function openEnded(parts: LanguageModelV4StreamPart[]) {
  const cancelled: unknown[] = [];
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
    },
    cancel(reason) {
      cancelled.push(reason);
    },
  });
  return { stream, cancelled };
}

const segmentOf = (
  id: string,
  parts: LanguageModelV4StreamPart[] | ReadableStream<LanguageModelV4StreamPart>,
): StreamSegment => ({
  target: parseTarget(id) as Target,
  value: Array.isArray(parts) ? streamOf(parts) : parts,
  durationMs: 5,
});

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const failure: LanguageModelV4StreamPart = { type: 'error', error: new Error('connection reset') };
const finish: LanguageModelV4StreamPart = {
  type: 'finish',
  usage,
  finishReason: { unified: 'stop', raw: 'stop' },
};
const text = (id: string, ...deltas: string[]): LanguageModelV4StreamPart[] => [
  { type: 'text-start', id },
  ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id, delta })),
];
const cutAfterText: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  ...text('t1', 'The answer '),
  failure,
];
const continuation: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'r2' },
  ...text('t2', 'is 42.'),
  { type: 'text-end', id: 't2' },
  finish,
];
const options: LanguageModelV4CallOptions = { prompt: userPrompt('What is the answer?') };

const textOf = (parts: LanguageModelV4StreamPart[]) =>
  parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');

/** The prefill a continuation was asked with (the last assistant message's text). */
const prefillOf = (asked: LanguageModelV4CallOptions) => {
  const last = asked.prompt.at(-1);
  return last?.role === 'assistant' && last.content[0]?.type === 'text'
    ? last.content[0].text
    : undefined;
};

/** Segment ends as `onSegmentEnd` heard them. */
function segmentLog() {
  const ends: {
    target: string;
    outcome: SegmentEnd['outcome'];
    producedChars: number;
    usage?: LanguageModelV4Usage;
  }[] = [];
  const onSegmentEnd = (segment: StreamSegment, end: SegmentEnd) =>
    ends.push({
      target: segment.target.id,
      outcome: end.outcome,
      producedChars: end.producedChars,
      ...(end.usage && { usage: end.usage }),
    });
  return { ends, onSegmentEnd };
}

describe('continueStream', () => {
  it('splices the next target in after a failure, with the text so far as prefill', async () => {
    const asked: LanguageModelV4CallOptions[] = [];
    const open: OpenContinuation = async (prefilled) => {
      asked.push(prefilled);
      return segmentOf('b/two', continuation);
    };
    const parts = await readParts(continueStream(segmentOf('a/one', cutAfterText), options, open));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'text-start',
      'text-delta',
      'text-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(asked[0]?.prompt.slice(0, -1)).toEqual(options.prompt);
    expect(asked[0]?.prompt.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'The answer' }],
    });
    expect(textOf(parts)).toBe('The answer is 42.');
  });

  it('asks each continuation for the targets after the one that just failed', async () => {
    const afters: string[] = [];
    const next: Record<string, StreamSegment> = {
      'a/one': segmentOf('b/two', [...text('t2', 'is '), failure]),
      'b/two': segmentOf('c/three', [...text('t3', '42.'), finish]),
    };
    const open: OpenContinuation = async (_prefilled, after) => {
      afters.push(after.target.id);
      const segment = next[after.target.id];
      if (segment === undefined) throw new Error('no target left');
      return segment;
    };
    const parts = await readParts(continueStream(segmentOf('a/one', cutAfterText), options, open));
    expect(afters).toEqual(['a/one', 'b/two']);
    expect(textOf(parts)).toBe('The answer is 42.');
  });

  it.each([
    ['spaces', 'The answer is  ', ['  42.'], 'The answer is  42.'],
    ['a newline and indent', 'def f():\n    ', ['\n    return 1'], 'def f():\n    return 1'],
    ['whitespace repeated over several deltas', 'items:\n  ', ['\n', ' ', ' - a'], 'items:\n  - a'],
    [
      'whitespace the continuation does not repeat',
      'def f():\n    ',
      ['return 1'],
      'def f():\n    return 1',
    ],
  ])(
    'gives the client the unbroken answer when the prefill ended in %s',
    async (_case, sent, continued, whole) => {
      const asked: LanguageModelV4CallOptions[] = [];
      const open: OpenContinuation = async (prefilled) => {
        asked.push(prefilled);
        return segmentOf('b/two', [...text('t2', ...continued), finish]);
      };
      const first = segmentOf('a/one', [...text('t1', sent), failure]);
      const parts = await readParts(continueStream(first, options, open));
      expect(prefillOf(asked[0] as LanguageModelV4CallOptions)).toBe(sent.trimEnd());
      expect(textOf(parts)).toBe(whole);
    },
  );

  it('reports each segment once, in order, with its outcome and what it produced', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const open: OpenContinuation = async () => segmentOf('b/two', continuation);
    await readParts(continueStream(segmentOf('a/one', cutAfterText), options, open, onSegmentEnd));
    expect(ends).toEqual([
      { target: 'a/one', outcome: 'error', producedChars: 11 },
      { target: 'b/two', outcome: 'ok', producedChars: 6, usage },
    ]);
  });

  it('reports a segment that finished cleanly once', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const first = segmentOf('a/one', [...text('t', 'hi'), finish]);
    await readParts(continueStream(first, options, undefined, onSegmentEnd));
    expect(ends).toEqual([{ target: 'a/one', outcome: 'ok', producedChars: 2, usage }]);
  });

  it('continues after a finish that admits the answer was interrupted', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const interrupted: LanguageModelV4StreamPart = {
      type: 'finish',
      usage,
      finishReason: { unified: 'error', raw: 'overloaded' },
    };
    const first = segmentOf('a/one', [...text('t1', 'The answer '), interrupted]);
    const parts = await readParts(
      continueStream(first, options, async () => segmentOf('b/two', continuation), onSegmentEnd),
    );
    expect(textOf(parts)).toBe('The answer is 42.');
    expect(ends[0]).toEqual({ target: 'a/one', outcome: 'error', producedChars: 11, usage });
  });

  it('turns an end without a finish into an error part, never a clean end', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const parts = await readParts(
      continueStream(
        segmentOf('a/one', text('t', 'half an ans')),
        options,
        undefined,
        onSegmentEnd,
      ),
    );
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_interrupted' } });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(ends).toEqual([{ target: 'a/one', outcome: 'error', producedChars: 11 }]);
  });

  it('continues a stream that ended without a finish', async () => {
    const first = segmentOf('a/one', text('t1', 'The answer '));
    const parts = await readParts(
      continueStream(first, options, async () => segmentOf('b/two', continuation)),
    );
    expect(textOf(parts)).toBe('The answer is 42.');
    expect(parts.at(-1)).toEqual(finish);
  });

  it('turns an interrupted finish into an error part when no target can continue', async () => {
    const interrupted: LanguageModelV4StreamPart = {
      type: 'finish',
      usage,
      finishReason: { unified: 'interrupted', raw: undefined },
    };
    const parts = await readParts(
      continueStream(segmentOf('a/one', [...text('t', 'x'), interrupted]), options, undefined),
    );
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_interrupted' } });
  });

  it('ends with the error when a tool call had started', async () => {
    let asked = 0;
    const parts = await readParts(
      continueStream(
        segmentOf('a/one', [{ type: 'tool-input-start', id: 'c1', toolName: 'search' }, failure]),
        options,
        async () => {
          asked++;
          return segmentOf('b/two', continuation);
        },
      ),
    );
    expect(parts.at(-1)).toBe(failure);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(asked).toBe(0);
  });

  it('ends with the error when no target is left', async () => {
    const parts = await readParts(
      continueStream(segmentOf('a/one', cutAfterText), options, undefined),
    );
    expect(parts.at(-1)).toBe(failure);
  });

  it('ends with the original error when the continuation cannot start either', async () => {
    const parts = await readParts(
      continueStream(segmentOf('a/one', cutAfterText), options, () =>
        Promise.reject(new Error('all down')),
      ),
    );
    expect(parts.at(-1)).toBe(failure);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('cancels the failed upstream once another target took over', async () => {
    const { stream, cancelled } = openEnded(cutAfterText);
    await readParts(
      continueStream(segmentOf('a/one', stream), options, async () =>
        segmentOf('b/two', continuation),
      ),
    );
    expect(cancelled).toHaveLength(1);
  });

  it('reports a client cancel as cancelled and cancels the upstream', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const { stream, cancelled } = openEnded(text('t', 'partial'));
    const reader = continueStream(
      segmentOf('a/one', stream),
      options,
      undefined,
      onSegmentEnd,
    ).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel('client left');
    expect(ends).toEqual([{ target: 'a/one', outcome: 'cancelled', producedChars: 7 }]);
    expect(cancelled).toEqual(['client left']);
  });

  it('cancels and reports a continuation that opens after the client left', async () => {
    const { ends, onSegmentEnd } = segmentLog();
    const takeover = openEnded(text('t2', 'is 42.'));
    let opened: (segment: StreamSegment) => void = () => undefined;
    const open: OpenContinuation = () =>
      new Promise((resolve) => {
        opened = resolve;
      });
    const reader = continueStream(
      segmentOf('a/one', cutAfterText),
      options,
      open,
      onSegmentEnd,
    ).getReader();
    await reader.read();
    await reader.read();
    await reader.read();
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await reader.cancel('client left');
    opened(segmentOf('b/two', takeover.stream));
    await pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(takeover.cancelled).toHaveLength(1);
    expect(ends.map((end) => `${end.target}:${end.outcome}`)).toEqual([
      'a/one:error',
      'b/two:cancelled',
    ]);
  });

  it('passes a stream that does not fail through unchanged', async () => {
    const parts = await readParts(
      continueStream(segmentOf('a/one', continuation), options, async () => segmentOf('b/two', [])),
    );
    expect(parts).toEqual(continuation);
  });
});
