import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { continuationOf, splitPrefill } from './mock-prefill.ts';
import { estimateTokens } from './mock-usage.ts';
import { mockModel, readParts, userPrompt } from './test-support.ts';

const question = userPrompt('hello world');
const fullAnswer = 'Echo: hello world';

const withPrefill = (prompt: LanguageModelV4Prompt, prefill: string): LanguageModelV4Prompt => [
  ...prompt,
  { role: 'assistant', content: [{ type: 'text', text: prefill }] },
];

const textOf = (parts: LanguageModelV4StreamPart[]) =>
  parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');

/** Every way to cut the answer in two: inside words, before and after spaces, at both ends. */
const splitPoints = (text: string) =>
  Array.from({ length: text.length }, (_, index) => text.slice(0, index + 1)).filter(
    (prefill) => prefill.trim() !== '',
  );

describe('splitPrefill', () => {
  it('takes the text of a trailing assistant message, joining its text parts', () => {
    const prompt: LanguageModelV4Prompt = [
      ...question,
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'Echo: ' },
          { type: 'text', text: 'hel' },
        ],
      },
    ];
    expect(splitPrefill(prompt)).toEqual({ conversation: question, prefill: 'Echo: hel' });
  });

  it('finds no prefill after a user or tool message, a tool call, or blank assistant text', () => {
    const toolCall: LanguageModelV4Prompt = [
      ...question,
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: {} }],
      },
    ];
    for (const prompt of [question, toolCall, withPrefill(question, ' \n')]) {
      expect(splitPrefill(prompt)).toEqual({ conversation: prompt, prefill: undefined });
    }
  });
});

describe('continuationOf', () => {
  it('answers the rest after the prefill, ignoring its trailing whitespace as Anthropic does', () => {
    expect(continuationOf(fullAnswer, 'Echo: hello')).toBe(' world');
    expect(continuationOf(fullAnswer, 'Echo:')).toBe(' hello world');
    expect(continuationOf(fullAnswer, 'Echo: ')).toBe(' hello world');
    expect(continuationOf(fullAnswer, 'Echo: hel')).toBe('lo world');
    expect(continuationOf(fullAnswer, fullAnswer)).toBe('');
  });

  it('finds no continuation when the answer does not start with the prefill', () => {
    expect(continuationOf(fullAnswer, 'Hello')).toBeUndefined();
    expect(continuationOf(fullAnswer, 'Echo:  hello')).toBeUndefined();
  });
});

describe('mock model continuing a prefill', () => {
  it.each(splitPoints(fullAnswer))(
    'doGenerate after %j gives exactly the rest of the answer',
    async (prefill) => {
      const result = await mockModel().doGenerate({ prompt: withPrefill(question, prefill) });
      const [content] = result.content;
      const continuation = content?.type === 'text' ? content.text : '';
      expect(prefill.trimEnd() + continuation).toBe(fullAnswer);
      if (prefill === prefill.trimEnd()) expect(prefill + continuation).toBe(fullAnswer);
      expect(result.usage.outputTokens).toEqual({
        total: estimateTokens(continuation),
        text: estimateTokens(continuation),
        reasoning: 0,
      });
    },
  );

  it.each(splitPoints('One  two\nthree four.'))(
    'doStream after %j streams exactly the rest of a configured reply',
    async (prefill) => {
      const model = mockModel({ reply: 'One  two\nthree four.' });
      const { stream } = await model.doStream({ prompt: withPrefill(question, prefill) });
      const parts = await readParts(stream);
      expect(prefill.trimEnd() + textOf(parts)).toBe('One  two\nthree four.');
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        usage: { outputTokens: { text: estimateTokens(textOf(parts)) } },
      });
    },
  );

  it('cuts a continuation after cutAfterChunks chunks of its own output', async () => {
    const model = mockModel({ reply: 'one two three four five', cutAfterChunks: 2 });
    const { stream } = await model.doStream({
      prompt: withPrefill(question, 'one tw'),
    });
    const parts = await readParts(stream);
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []))).toEqual([
      'o ',
      'three ',
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'error' });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('answers the whole text, reasoning first, when the prefill is not how its answer starts', async () => {
    const model = mockModel({ reasoning: 'Think.' });
    const result = await model.doGenerate({ prompt: withPrefill(question, 'Sure! Here') });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Think.' },
      { type: 'text', text: fullAnswer },
    ]);
  });

  it('does not reason again when it continues', async () => {
    const model = mockModel({ reasoning: 'Think.' });
    const result = await model.doGenerate({ prompt: withPrefill(question, 'Echo: hello') });
    expect(result.content).toEqual([{ type: 'text', text: ' world' }]);
    expect(result.usage.outputTokens.reasoning).toBe(0);
  });

  it('counts the prefill as input, as providers bill it', async () => {
    const fresh = await mockModel().doGenerate({ prompt: question });
    const continued = await mockModel().doGenerate({
      prompt: withPrefill(question, 'Echo: hello'),
    });
    expect(continued.usage.inputTokens.total).toBeGreaterThan(fresh.usage.inputTokens.total ?? 0);
  });

  it('continues the answer to a tool result', async () => {
    const prompt: LanguageModelV4Prompt = [
      ...question,
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'call_mock_1', toolName: 'lookup', input: {} }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_mock_1',
            toolName: 'lookup',
            output: { type: 'text', value: 'rain' },
          },
        ],
      },
    ];
    const result = await mockModel().doGenerate({ prompt: withPrefill(prompt, 'Tool result: ') });
    expect(result.content).toEqual([{ type: 'text', text: ' rain' }]);
  });
});
