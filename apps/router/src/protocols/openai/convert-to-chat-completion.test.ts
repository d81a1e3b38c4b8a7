import type { LanguageModelV4Content, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertToChatCompletion } from './convert-to-chat-completion.ts';

const identity = { id: 'chatcmpl-1', model: 'chat', created: 1_700_000_000 };

const result = (
  content: LanguageModelV4Content[],
  unified: LanguageModelV4GenerateResult['finishReason']['unified'] = 'stop',
): LanguageModelV4GenerateResult => ({
  content,
  finishReason: { unified, raw: undefined },
  usage: {
    inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 5, text: 5, reasoning: undefined },
  },
  warnings: [],
});

const weatherCall: LanguageModelV4Content = {
  type: 'tool-call',
  toolCallId: 'call_1',
  toolName: 'get_weather',
  input: '{"city":"Paris"}',
};

describe('convertToChatCompletion', () => {
  it('builds a chat.completion with joined text and usage', () => {
    expect(
      convertToChatCompletion(
        result([
          { type: 'text', text: 'Hello, ' },
          { type: 'text', text: 'world.' },
        ]),
        identity,
      ),
    ).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'chat',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello, world.', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
  });

  it('adds reasoning_content when the model reasoned', () => {
    const completion = convertToChatCompletion(
      result([
        { type: 'reasoning', text: 'Think ' },
        { type: 'reasoning', text: 'hard.' },
        { type: 'text', text: 'Done.' },
      ]),
      identity,
    );
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Done.',
      refusal: null,
      reasoning_content: 'Think hard.',
    });
  });

  it('sets content to null when the reply is only tool calls', () => {
    const completion = convertToChatCompletion(result([weatherCall], 'tool-calls'), identity);
    expect(completion.choices[0]).toMatchObject({
      message: {
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('keeps the text next to tool calls', () => {
    const completion = convertToChatCompletion(
      result([{ type: 'text', text: 'Checking.' }, weatherCall], 'tool-calls'),
      identity,
    );
    expect(completion.choices[0]?.message.content).toBe('Checking.');
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it('leaves out provider-executed tool calls and their results', () => {
    const completion = convertToChatCompletion(
      result([
        {
          type: 'tool-call',
          toolCallId: 'ws_1',
          toolName: 'web_search',
          input: '{}',
          providerExecuted: true,
        },
        { type: 'tool-result', toolCallId: 'ws_1', toolName: 'web_search', result: { hits: 3 } },
        { type: 'text', text: 'Found it.' },
      ]),
      identity,
    );
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Found it.',
      refusal: null,
    });
  });

  it('answers an empty reply with empty string content', () => {
    expect(convertToChatCompletion(result([]), identity).choices[0]?.message.content).toBe('');
  });

  it('maps the finish reason', () => {
    expect(convertToChatCompletion(result([], 'length'), identity).choices[0]?.finish_reason).toBe(
      'length',
    );
  });
});
