import type { LanguageModelV4Content, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  createLanguageModel,
  deltasOf,
  postRaw,
  readStream,
  useMockUpstream,
  userPrompt,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const answer = 'Echo: hello world';

const withPrefill = (prefill: string, question = 'hello world'): LanguageModelV4Prompt => [
  ...userPrompt(question),
  { role: 'assistant', content: [{ type: 'text', text: prefill }] },
];

const textOf = (content: LanguageModelV4Content[]) =>
  content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');

/** Every non-blank start of the answer: cuts inside words and on both sides of each space. */
const prefills = Array.from({ length: answer.length }, (_, index) =>
  answer.slice(0, index + 1),
).filter((prefill) => prefill.trim() !== '');

const messagesUrl = () => `${upstream.baseURLs.anthropic}/messages`;

/** A raw Messages request whose conversation ends with `prefill` as the assistant's turn. */
const rawPrefillRequest = (prefill: unknown, model = 'claude-sonnet-4-5') => ({
  model,
  max_tokens: 100,
  messages: [
    { role: 'user', content: 'hello world' },
    { role: 'assistant', content: prefill },
  ],
});

describe('Anthropic Messages mock with a trailing assistant message', () => {
  it.each(prefills)('continues after %j with the rest of its answer', async (prefill) => {
    const model = createLanguageModel(upstream, 'anthropic');
    const result = await model.doGenerate({ prompt: withPrefill(prefill) });

    // The package trims the prefill before sending it; the answer continues the trimmed text.
    expect(prefill.trim() + textOf(result.content)).toBe(answer);
  });

  it('streams only the generated rest and counts only its tokens as output', async () => {
    const model = createLanguageModel(upstream, 'anthropic');
    const { stream } = await model.doStream({ prompt: withPrefill('Echo: hel') });
    const { parts, error } = await readStream(stream);

    expect(error).toBeUndefined();
    expect(deltasOf(parts, 'text-delta')).toEqual(['lo ', 'world']);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      usage: { outputTokens: { total: Math.ceil('lo world'.length / 4) } },
    });
  });

  it('continues a prefill sent as plain string content', async () => {
    const { text } = await postRaw(messagesUrl(), rawPrefillRequest('Echo: hello'));

    expect(JSON.parse(text)).toMatchObject({ content: [{ type: 'text', text: ' world' }] });
  });

  it('cuts a continuation after cutAfter chunks of its own output', async () => {
    const model = createLanguageModel(upstream, 'anthropic', 'claude-sonnet-4-5~cutAfter=1');
    const { stream } = await model.doStream({
      prompt: withPrefill('Echo: one t', 'one two three'),
    });
    const { parts, error } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta')).toEqual(['wo ']);
    expect(error ?? parts.find((part) => part.type === 'error')).toBeDefined();
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('does not think again when it continues', async () => {
    const model = createLanguageModel(upstream, 'anthropic', 'claude-sonnet-4-5~reasoning=1');
    const result = await model.doGenerate({ prompt: withPrefill('Echo: hello') });

    expect(result.content).toEqual([{ type: 'text', text: ' world' }]);
  });

  it('answers afresh when its answer does not start with the prefill', async () => {
    const model = createLanguageModel(upstream, 'anthropic');
    const result = await model.doGenerate({ prompt: withPrefill('Sure, here it is') });

    expect(textOf(result.content)).toBe(answer);
  });

  it.each<{ shape: string; prefill: unknown }>([
    { shape: 'string content', prefill: 'Echo: ' },
    { shape: 'a text block', prefill: [{ type: 'text', text: 'Echo: hello\n' }] },
  ])(
    'rejects $shape ending in whitespace with a 400 invalid_request_error',
    async ({ prefill }) => {
      const { response, text } = await postRaw(messagesUrl(), rawPrefillRequest(prefill));

      expect(response.status).toBe(400);
      expect(JSON.parse(text)).toEqual({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'messages: final assistant content cannot end with trailing whitespace',
        },
        request_id: expect.any(String),
      });
    },
  );

  it.each(['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-sonnet-5'])(
    'rejects any prefill on %s, as Claude 4.6 and later do',
    async (model) => {
      const { response, text } = await postRaw(messagesUrl(), rawPrefillRequest('Echo:', model));

      expect(response.status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({
        error: {
          type: 'invalid_request_error',
          message: expect.stringContaining('does not support assistant message prefill'),
        },
      });
    },
  );
});

describe('providers that answer a trailing assistant message afresh', () => {
  it.each(['openai-chat', 'openai-responses', 'google'] as const)(
    '%s repeats the whole answer after a prefill, as the real API does',
    async (provider) => {
      const model = createLanguageModel(upstream, provider);
      const result = await model.doGenerate({ prompt: withPrefill('Echo: hello') });

      // Spliced after the prefill this would say "Echo: hello" twice: no continuation here.
      expect(textOf(result.content)).toBe(answer);
    },
  );
});
