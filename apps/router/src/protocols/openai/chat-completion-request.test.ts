import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from './chat-completion-request.ts';

/** Runs the official client against a fake fetch and returns the JSON body it sent. */
async function bodySentByOpenAIClient(
  send: (client: OpenAI) => Promise<unknown>,
): Promise<unknown> {
  let sent: unknown;
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: async (_url, init) => {
      sent = JSON.parse(String(init?.body));
      return (sent as { stream?: boolean }).stream
        ? new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } })
        : Response.json({
            id: 'x',
            object: 'chat.completion',
            created: 0,
            model: 'chat',
            choices: [],
          });
    },
  });
  await send(client);
  return sent;
}

const minimal = { model: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const issuePaths = (body: unknown) =>
  chatCompletionRequestSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));

describe('chatCompletionRequestSchema', () => {
  it('accepts a tool-calling conversation exactly as the official openai client sends it', async () => {
    const body = await bodySentByOpenAIClient(async (client) => {
      const stream = await client.chat.completions.create({
        model: 'chat',
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: 'developer', content: 'Use tools.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              {
                type: 'image_url',
                image_url: { url: 'https://example.com/a.png', detail: 'high' },
              },
            ],
          },
          {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'lookup', arguments: '{"q":"a"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
        ],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        max_completion_tokens: 64,
        n: 1,
      });
      for await (const _chunk of stream) {
        // drained: the fake upstream only sends [DONE]
      }
    });
    const result = chatCompletionRequestSchema.safeParse(body);
    expect(result.error).toBeUndefined();
    expect(result.data?.messages[2]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } },
      ],
    });
    expect(result.data?.stream_options).toEqual({ include_usage: true });
  });

  it('accepts a plain request from the official client with every sampling option', async () => {
    const body = await bodySentByOpenAIClient((client) =>
      client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 2,
        top_p: 0,
        stop: ['a', 'b', 'c', 'd'],
        seed: -1,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'x', strict: true, schema: {} },
        },
        reasoning_effort: 'minimal',
        user: 'u',
      }),
    );
    expect(chatCompletionRequestSchema.safeParse(body).success).toBe(true);
  });

  it('strips fields it does not use instead of rejecting them', () => {
    const parsed = chatCompletionRequestSchema.parse({
      ...minimal,
      store: false,
      logit_bias: { '1': 2 },
      messages: [{ role: 'user', content: 'hi', unexpected: 1 }],
    });
    expect(parsed).toEqual({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('defaults a tool call type to function', () => {
    const parsed = chatCompletionRequestSchema.parse({
      model: 'chat',
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{}' } }] },
      ],
    });
    expect(parsed.messages[0]).toMatchObject({ tool_calls: [{ type: 'function' }] });
  });

  it('rejects n other than 1', () => {
    expect(issuePaths({ ...minimal, n: 2 })).toEqual(['n']);
    expect(
      chatCompletionRequestSchema.safeParse({ ...minimal, n: 2 }).error?.issues[0]?.message,
    ).toBe('only n=1 is supported');
  });

  it('rejects a temperature outside 0..2', () => {
    expect(issuePaths({ ...minimal, temperature: 2.1 })).toEqual(['temperature']);
    expect(issuePaths({ ...minimal, temperature: -0.1 })).toEqual(['temperature']);
  });

  it('rejects an empty message list', () => {
    expect(issuePaths({ model: 'chat', messages: [] })).toEqual(['messages']);
  });

  it('rejects an unknown message role', () => {
    expect(issuePaths({ model: 'chat', messages: [{ role: 'function', content: 'x' }] })).toEqual([
      'messages.0.role',
    ]);
  });

  it('rejects more than four stop sequences and an empty user part list', () => {
    expect(issuePaths({ ...minimal, stop: ['a', 'b', 'c', 'd', 'e'] })).toEqual(['stop']);
    expect(issuePaths({ model: 'chat', messages: [{ role: 'user', content: [] }] })).toEqual([
      'messages.0.content',
    ]);
  });

  it('rejects a tool name the providers would refuse', () => {
    expect(
      issuePaths({ ...minimal, tools: [{ type: 'function', function: { name: 'get weather' } }] }),
    ).toEqual(['tools.0.function.name']);
  });

  it('rejects top_logprobs outside 0..20, Infinity included, and a logprobs that is not a boolean', () => {
    const infinite = JSON.parse('{"top_logprobs":1e999}');
    expect(infinite.top_logprobs).toBe(Number.POSITIVE_INFINITY);
    expect(issuePaths({ ...minimal, ...infinite })).toEqual(['top_logprobs']);
    expect(issuePaths({ ...minimal, top_logprobs: 21 })).toEqual(['top_logprobs']);
    expect(issuePaths({ ...minimal, top_logprobs: -1 })).toEqual(['top_logprobs']);
    expect(issuePaths({ ...minimal, logprobs: 'yes' })).toEqual(['logprobs']);
    expect(issuePaths({ ...minimal, logprobs: true, top_logprobs: 20 })).toBeUndefined();
  });

  it('rejects a negative or fractional top_k', () => {
    expect(issuePaths({ ...minimal, top_k: -1 })).toEqual(['top_k']);
    expect(issuePaths({ ...minimal, top_k: 1.5 })).toEqual(['top_k']);
    expect(issuePaths({ ...minimal, top_k: 40 })).toBeUndefined();
  });

  it('rejects every numeric sampling parameter that is not finite', () => {
    for (const name of ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'seed']) {
      const body = { ...minimal, [name]: Number.POSITIVE_INFINITY };
      expect(issuePaths(body), name).toEqual([name]);
    }
    expect(issuePaths({ ...minimal, max_tokens: Number.POSITIVE_INFINITY })).toEqual([
      'max_tokens',
    ]);
  });

  it('rejects prototype keys in metadata', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const metadata = JSON.parse(`{"${key}":"x"}`);
      expect(issuePaths({ ...minimal, metadata }), key).toEqual(['metadata']);
    }
  });
});
