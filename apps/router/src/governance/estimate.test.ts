import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import {
  affordableMaxTokens,
  estimateEmbeddingCall,
  estimateLanguageModelCall,
  messageOverheadTokens,
} from './estimate.ts';

const config = parseConfig({
  providers: { local: { type: 'openai-compatible', baseURL: 'http://localhost:1/v1' } },
  catalog: {
    'local/small': { pricing: { input: 1, output: 2 }, contextWindow: 1_000, maxOutputTokens: 300 },
    'local/dear': { pricing: { input: 10, output: 30 } },
    'local/embed': { pricing: { input: 0.5, output: 0 } },
  },
});
const target = (id: string) => parseTarget(id) as Target;
const small = target('local/small');
const dear = target('local/dear');
const unknown = target('local/unknown');
const call = (prompt: LanguageModelV4Prompt, options: Partial<LanguageModelV4CallOptions> = {}) =>
  ({ prompt, ...options }) as LanguageModelV4CallOptions;
const user = (text: string): LanguageModelV4Prompt[number] => ({
  role: 'user',
  content: [{ type: 'text', text }],
});

describe('estimateLanguageModelCall: input tokens', () => {
  it('counts every UTF-8 byte of the text as a token, plus a little per message', () => {
    const estimate = estimateLanguageModelCall(
      config,
      call([{ role: 'system', content: 'héllo' }, user('日本')]),
      [dear],
    );
    expect(estimate.inputTokens).toBe(6 + 6 + 2 * messageOverheadTokens);
  });

  it('counts tool definitions, tool calls and JSON tool results as their JSON', () => {
    const tool = {
      type: 'function' as const,
      name: 'weather',
      description: 'Weather in a city',
      inputSchema: { type: 'object' as const, properties: { city: { type: 'string' as const } } },
    };
    const input = { city: 'Zürich' };
    const output = { type: 'json' as const, value: { celsius: 21 } };
    const prompt: LanguageModelV4Prompt = [
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output }],
      },
    ];
    const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
    const estimate = estimateLanguageModelCall(config, call(prompt, { tools: [tool] }), [dear]);
    expect(estimate.inputTokens).toBe(
      bytes(tool) +
        bytes(input) +
        bytes(output.value) +
        'weatherc1'.length * 2 +
        2 * messageOverheadTokens,
    );
  });

  it('allows a fixed number of tokens per image or binary file, and counts inline text files', () => {
    const prompt: LanguageModelV4Prompt = [
      {
        role: 'user',
        content: [
          {
            type: 'file',
            mediaType: 'image/png',
            data: { type: 'url', url: new URL('https://x.test/a.png') },
          },
          { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data: 'JVBERi0=' } },
          { type: 'file', mediaType: 'text/plain', data: { type: 'text', text: 'abc' } },
        ],
      },
    ];
    const estimate = estimateLanguageModelCall(config, call(prompt), [dear], {
      mediaPartTokens: 1_000,
    });
    expect(estimate.inputTokens).toBe(2_000 + 3 + messageOverheadTokens);
  });

  it('caps the input at the context window of a model whose window is known', () => {
    const estimate = estimateLanguageModelCall(config, call([user('x'.repeat(5_000))]), [small]);
    expect(estimate.inputTokens).toBe(1_000);
  });
});

describe('estimateLanguageModelCall: output tokens and cost', () => {
  it('takes max_tokens, lowered to the model output limit', () => {
    const prompt = [user('hi')];
    expect(
      estimateLanguageModelCall(config, call(prompt, { maxOutputTokens: 100 }), [small]),
    ).toMatchObject({ outputTokens: 100 });
    expect(
      estimateLanguageModelCall(config, call(prompt, { maxOutputTokens: 5_000 }), [small]),
    ).toMatchObject({ outputTokens: 300 });
    expect(estimateLanguageModelCall(config, call(prompt), [small])).toMatchObject({
      outputTokens: 300,
    });
  });

  it('assumes the configured default when neither the request nor the catalog bounds output', () => {
    const estimate = estimateLanguageModelCall(config, call([user('hi')]), [dear], {
      defaultOutputTokens: 2_000,
    });
    expect(estimate.outputTokens).toBe(2_000);
  });

  it('prices the call at the most expensive target it may reach', () => {
    const prompt = [user('x'.repeat(996))];
    const estimate = estimateLanguageModelCall(config, call(prompt, { maxOutputTokens: 200 }), [
      small,
      dear,
    ]);
    const input = 996 + messageOverheadTokens;
    // $10 per million input tokens is 10,000 nanodollars a token; $30 output is 30,000.
    expect(estimate).toMatchObject({
      inputTokens: input,
      outputTokens: 200,
      totalTokens: input + 200,
      nanos: input * 10_000 + 200 * 30_000,
      priced: true,
    });
  });

  it('counts an unpriced target as free but says the estimate is not fully priced', () => {
    const estimate = estimateLanguageModelCall(
      config,
      call([user('hi')], { maxOutputTokens: 10 }),
      [unknown],
    );
    expect(estimate).toMatchObject({ nanos: 0, priced: false, outputTokens: 10 });
  });
});

describe('affordableMaxTokens', () => {
  const estimate = estimateLanguageModelCall(
    config,
    call([user('x'.repeat(96))], { maxOutputTokens: 1_000 }),
    [small, dear],
  );
  const inputNanos = (96 + messageOverheadTokens) * 10_000;

  it('finds the largest max_tokens whose estimate fits what remains', () => {
    expect(affordableMaxTokens(inputNanos + 30_000 * 7 + 29_999, estimate)).toBe(7);
  });

  it('never raises max_tokens above the request', () => {
    expect(affordableMaxTokens(Number.MAX_SAFE_INTEGER, estimate)).toBe(1_000);
  });

  it('answers 0 when not even the input fits', () => {
    expect(affordableMaxTokens(inputNanos - 1, estimate)).toBe(0);
  });
});

describe('estimateEmbeddingCall', () => {
  it('counts the bytes of every value as input and prices input only', () => {
    const estimate = estimateEmbeddingCall(config, ['héllo', 'abc'], [target('local/embed')]);
    expect(estimate).toMatchObject({
      inputTokens: 9,
      outputTokens: 0,
      totalTokens: 9,
      nanos: 9 * 500,
      priced: true,
    });
  });
});
