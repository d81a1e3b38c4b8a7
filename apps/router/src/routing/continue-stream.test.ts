import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import { continueStream, type OpenContinuation } from './continue-stream.ts';

const streamOf = (parts: LanguageModelV4StreamPart[]) =>
  new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const failure: LanguageModelV4StreamPart = { type: 'error', error: new Error('connection reset') };
const cutAfterText: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'The answer ' },
  failure,
];
const continuation: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'r2' },
  { type: 'text-start', id: 't2' },
  { type: 'text-delta', id: 't2', delta: 'is 42.' },
  { type: 'text-end', id: 't2' },
  { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
];
const options: LanguageModelV4CallOptions = { prompt: userPrompt('What is the answer?') };

describe('continueStream', () => {
  it('splices the next target in after a failure, with the text so far as prefill', async () => {
    const asked: LanguageModelV4CallOptions[] = [];
    const open: OpenContinuation = async (prefilled) => {
      asked.push(prefilled);
      return streamOf(continuation);
    };
    const parts = await readParts(continueStream(streamOf(cutAfterText), options, open));
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
    expect(asked[0]?.prompt.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'The answer ' }],
    });
  });

  it('ends with the error when a tool call had started', async () => {
    const parts = await readParts(
      continueStream(
        streamOf([{ type: 'tool-input-start', id: 'c1', toolName: 'search' }, failure]),
        options,
        async () => streamOf(continuation),
      ),
    );
    expect(parts.at(-1)).toBe(failure);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('ends with the error when no target is left', async () => {
    const parts = await readParts(continueStream(streamOf(cutAfterText), options, undefined));
    expect(parts.at(-1)).toBe(failure);
  });

  it('ends with the original error when the continuation cannot start either', async () => {
    const parts = await readParts(
      continueStream(streamOf(cutAfterText), options, () => Promise.reject(new Error('all down'))),
    );
    expect(parts.at(-1)).toBe(failure);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('passes a stream that does not fail through unchanged', async () => {
    const parts = await readParts(
      continueStream(streamOf(continuation), options, async () => streamOf([])),
    );
    expect(parts).toEqual(continuation);
  });
});
