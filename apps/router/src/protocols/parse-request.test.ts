import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.ts';
import { languageModelCallOptionsSchema } from './ai-gateway/language-model-call-options.ts';
import { chatCompletionRequestSchema } from './openai/chat-completion-request.ts';
import { parseRequest } from './parse-request.ts';

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };

function rejection(schema: Parameters<typeof parseRequest>[0], body: unknown) {
  try {
    parseRequest(schema, body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return { message: error.message, param: error.param };
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseRequest', () => {
  it.each([
    [
      { ...chat, temperature: 'hot' },
      'temperature',
      'temperature: expected a number, got a string',
    ],
    [{ ...chat, max_tokens: 'ten' }, 'max_tokens', 'max_tokens: expected a number, got a string'],
    [{ ...chat, max_tokens: 1.5 }, 'max_tokens', 'max_tokens: expected an integer, got 1.5'],
    [{ ...chat, messages: 'hi' }, 'messages', 'messages: expected an array, got a string'],
    [{ ...chat, stream: 'yes' }, 'stream', 'stream: expected a boolean, got a string'],
    [{ ...chat, temperature: null, top_p: [] }, 'top_p', 'top_p: expected a number, got an array'],
    [[], null, 'The request body: expected a JSON object, got an array'],
    [null, null, 'The request body: expected a JSON object, got null'],
    ['hello', null, 'The request body: expected a JSON object, got a string'],
  ])('says %j has the wrong type, not that it is missing', (body, param, message) => {
    expect(rejection(chatCompletionRequestSchema, body)).toEqual({ param, message });
  });

  it('says a missing field is required', () => {
    expect(rejection(chatCompletionRequestSchema, { messages: chat.messages })).toEqual({
      param: 'model',
      message: 'model: is required',
    });
  });

  it.each([
    [{ ...chat, temperature: 5 }, 'temperature: must be at most 2, got 5'],
    [{ ...chat, max_tokens: 0 }, 'max_tokens: must be greater than 0, got 0'],
    [
      { ...chat, reasoning_effort: 'max' },
      "reasoning_effort: expected one of 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', got 'max'",
    ],
    [{ ...chat, stop: 5 }, 'stop: expected a string or an array, got 5'],
    [
      { ...chat, tool_choice: 'any' },
      "tool_choice: expected 'none', 'auto', 'required' or an object, got 'any'",
    ],
    [
      { ...chat, messages: [{ role: 'bot', content: 'x' }] },
      "messages[0].role: expected one of 'system', 'developer', 'user', 'assistant', 'tool', got 'bot'",
    ],
    [
      { ...chat, messages: [{ content: 'x' }] },
      "messages[0].role: is required: one of 'system', 'developer', 'user', 'assistant', 'tool'",
    ],
    [{ ...chat, messages: [{ role: 'user' }] }, 'messages[0].content: is required'],
    [
      { ...chat, messages: [{ role: 'user', content: 5 }] },
      'messages[0].content: expected a string or an array, got 5',
    ],
    [
      { ...chat, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages[0].content[0].text: is required',
    ],
    [{ ...chat, messages: [] }, 'messages: must contain at least one message'],
    [{ ...chat, n: 2 }, 'n: only n=1 is supported'],
  ])('describes %j in words a caller can act on', (body, message) => {
    expect(rejection(chatCompletionRequestSchema, body).message).toBe(message);
  });

  it('never echoes a long value', () => {
    const long = `sk-${'a'.repeat(200)}`;
    const { message } = rejection(chatCompletionRequestSchema, { ...chat, reasoning_effort: long });
    expect(message).not.toContain('aaaa');
    expect(message).toMatch(/got a string$/);
  });

  it('describes the AI SDK gateway protocol body the same way', () => {
    expect(rejection(languageModelCallOptionsSchema, [])).toEqual({
      param: null,
      message: 'The request body: expected a JSON object, got an array',
    });
    expect(
      rejection(languageModelCallOptionsSchema, {
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        temperature: 'hot',
      }),
    ).toEqual({ param: 'temperature', message: 'temperature: expected a number, got a string' });
  });
});
