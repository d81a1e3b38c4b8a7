import { describe, expect, it } from 'vitest';
import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
} from './chat-completion-request.ts';
import { convertToCallOptions, omitUndefined } from './convert-to-call-options.ts';

const request = (fields: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'chat',
  messages: [{ role: 'user', content: 'hi' }],
  ...fields,
});

const tool = (name: string, extra: object = {}) => ({
  type: 'function' as const,
  function: { name, ...extra },
});

describe('convertToCallOptions', () => {
  it('converts a full request to call options', () => {
    const body = chatCompletionRequestSchema.parse({
      model: 'chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      max_tokens: 50,
      max_completion_tokens: 100,
      temperature: 0,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather', description: 'A forecast', schema: { type: 'object' } },
      },
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      user: 'user-42',
    });
    expect(convertToCallOptions(body)).toMatchInlineSnapshot(`
      {
        "frequencyPenalty": -0.5,
        "maxOutputTokens": 100,
        "presencePenalty": 0.5,
        "prompt": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": [
              {
                "text": "Weather in Paris?",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "providerOptions": {
          "anthropic": {
            "disableParallelToolUse": true,
          },
          "openai": {
            "parallelToolCalls": false,
            "user": "user-42",
          },
        },
        "reasoning": "low",
        "responseFormat": {
          "description": "A forecast",
          "name": "weather",
          "schema": {
            "type": "object",
          },
          "type": "json",
        },
        "seed": 7,
        "stopSequences": [
          "END",
        ],
        "temperature": 0,
        "toolChoice": {
          "toolName": "get_weather",
          "type": "tool",
        },
        "tools": [
          {
            "description": "Current weather",
            "inputSchema": {
              "properties": {
                "city": {
                  "type": "string",
                },
              },
              "type": "object",
            },
            "name": "get_weather",
            "strict": true,
            "type": "function",
          },
        ],
        "topP": 0.9,
      }
    `);
  });

  it('omits every option the request left out, including null ones', () => {
    const options = convertToCallOptions(
      request({ temperature: null, max_tokens: null, stop: null, tools: null, user: null }),
    );
    expect(Object.keys(options)).toEqual(['prompt']);
  });

  it('prefers max_completion_tokens over max_tokens and falls back to max_tokens', () => {
    expect(
      convertToCallOptions(request({ max_tokens: 10, max_completion_tokens: 20 })).maxOutputTokens,
    ).toBe(20);
    expect(convertToCallOptions(request({ max_tokens: 10 })).maxOutputTokens).toBe(10);
  });

  it('turns a stop string into a one-element list and keeps a stop array', () => {
    expect(convertToCallOptions(request({ stop: 'END' })).stopSequences).toEqual(['END']);
    expect(convertToCallOptions(request({ stop: ['a', 'b'] })).stopSequences).toEqual(['a', 'b']);
  });

  it('maps response_format text and json_object, and omits undefined json_schema fields', () => {
    const format = (response_format: ChatCompletionRequest['response_format']) =>
      convertToCallOptions(request({ response_format })).responseFormat;
    expect(format({ type: 'text' })).toEqual({ type: 'text' });
    expect(format({ type: 'json_object' })).toEqual({ type: 'json' });
    expect(format({ type: 'json_schema', json_schema: { name: 'answer' } })).toStrictEqual({
      type: 'json',
      name: 'answer',
    });
  });

  it('gives a tool without parameters an empty object schema and omits unset fields', () => {
    expect(
      convertToCallOptions(request({ tools: [tool('ping', { strict: null })] })).tools,
    ).toStrictEqual([
      { type: 'function', name: 'ping', inputSchema: { type: 'object', properties: {} } },
    ]);
  });

  it('passes strict: false through', () => {
    const [converted] =
      convertToCallOptions(request({ tools: [tool('ping', { strict: false })] })).tools ?? [];
    expect(converted).toMatchObject({ name: 'ping', strict: false });
  });

  it('maps every tool_choice form', () => {
    const choice = (tool_choice: ChatCompletionRequest['tool_choice']) =>
      convertToCallOptions(request({ tool_choice })).toolChoice;
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('required')).toEqual({ type: 'required' });
    expect(choice({ type: 'function', function: { name: 'get_weather' } })).toEqual({
      type: 'tool',
      toolName: 'get_weather',
    });
    expect(choice(undefined)).toBeUndefined();
  });

  it('sends parallel_tool_calls to openai and, inverted, to anthropic', () => {
    expect(
      convertToCallOptions(request({ parallel_tool_calls: true })).providerOptions,
    ).toStrictEqual({
      openai: { parallelToolCalls: true },
      anthropic: { disableParallelToolUse: false },
    });
  });

  it('sends user to openai only', () => {
    expect(convertToCallOptions(request({ user: 'u1' })).providerOptions).toStrictEqual({
      openai: { user: 'u1' },
    });
  });

  it('maps reasoning_effort to reasoning', () => {
    expect(convertToCallOptions(request({ reasoning_effort: 'xhigh' })).reasoning).toBe('xhigh');
    expect(convertToCallOptions(request({ reasoning_effort: 'none' })).reasoning).toBe('none');
  });

  it('maps the OpenRouter top_k extension to topK', () => {
    expect(convertToCallOptions(request({ top_k: 40 })).topK).toBe(40);
    expect(convertToCallOptions(request({ top_k: null }))).not.toHaveProperty('topK');
  });
});

describe('omitUndefined', () => {
  it('drops undefined keys but keeps null, zero, false and empty strings', () => {
    expect(omitUndefined({ a: undefined, b: null, c: 0, d: false, e: '' })).toStrictEqual({
      b: null,
      c: 0,
      d: false,
      e: '',
    });
  });
});
