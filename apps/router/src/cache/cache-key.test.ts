import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from '../protocols/openai/chat-completion-request.ts';
import { convertToCallOptions } from '../protocols/openai/convert-to-call-options.ts';
import { type CacheKeyParts, cacheKey } from './cache-key.ts';

const options: LanguageModelV4CallOptions = {
  prompt: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
  ],
  maxOutputTokens: 200,
  temperature: 0.7,
  topP: 0.9,
  topK: 40,
  presencePenalty: 0.1,
  frequencyPenalty: 0.2,
  stopSequences: ['END'],
  seed: 7,
  reasoning: 'low',
  responseFormat: { type: 'json', name: 'weather', schema: { type: 'object' } },
  tools: [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Current weather',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
  toolChoice: { type: 'auto' },
  providerOptions: { openai: { parallelToolCalls: false }, anthropic: { sendReasoning: true } },
};

const base: CacheKeyParts = {
  tenant: 'team-a',
  model: 'chat',
  targets: ['openai/gpt-4o', 'anthropic/claude-haiku'],
  kind: 'language',
  options,
};

const keyOf = (change: Partial<CacheKeyParts> = {}) => cacheKey({ ...base, ...change });
const keyWith = (change: Partial<LanguageModelV4CallOptions>) =>
  keyOf({ options: { ...options, ...change } });

/** The same value with its object keys in reverse order, at every depth. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, entry]) => [key, reversed(entry)]),
  ) as T;
}

/** The call options the OpenAI route makes from a chat completion body. */
const openAIOptions = (body: object) =>
  convertToCallOptions(chatCompletionRequestSchema.parse({ model: 'chat', ...body }));
const openAIKey = (body: object) => keyOf({ options: openAIOptions(body) });
const messages = [{ role: 'user', content: 'hello' }];

describe('cacheKey', () => {
  it('is a SHA-256 in hex', async () => {
    expect(await keyOf()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same key whatever order the fields were written in', async () => {
    expect(await keyOf({ options: reversed(options) })).toBe(await keyOf());
  });

  it('ignores transport fields: abort signal, headers and raw chunks', async () => {
    const key = await keyOf();
    expect(await keyWith({ abortSignal: new AbortController().signal })).toBe(key);
    expect(await keyWith({ headers: { 'x-trace': 'abc', 'user-agent': undefined } })).toBe(key);
    expect(await keyWith({ includeRawChunks: true })).toBe(key);
  });

  it("ignores each provider's end-user id", async () => {
    const key = await keyOf();
    expect(
      await keyWith({
        providerOptions: {
          openai: { parallelToolCalls: false, user: 'user-1' },
          anthropic: { sendReasoning: true, user: 'user-2' },
        },
      }),
    ).toBe(key);
  });

  it('treats undefined fields as absent', async () => {
    expect(await keyWith({ seed: undefined })).toBe(await keyOf({ options: withoutSeed() }));
  });

  it('changes with every output-relevant field', async () => {
    const changes: Partial<LanguageModelV4CallOptions>[] = [
      {
        prompt: [
          { role: 'user', content: [{ type: 'text', text: 'What is the weather in Rome?' }] },
        ],
      },
      {
        prompt: [...options.prompt, { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] }],
      },
      { prompt: [{ role: 'system', content: 'Be brief!' }, ...options.prompt.slice(1)] },
      { maxOutputTokens: 201 },
      { temperature: 0.8 },
      { topP: 0.8 },
      { topK: 41 },
      { presencePenalty: 0.2 },
      { frequencyPenalty: 0.3 },
      { stopSequences: ['STOP'] },
      { stopSequences: ['END', 'STOP'] },
      { seed: 8 },
      { reasoning: 'high' },
      { responseFormat: { type: 'text' } },
      { responseFormat: { type: 'json', name: 'weather', schema: { type: 'array' } } },
      { responseFormat: { type: 'json', name: 'forecast', schema: { type: 'object' } } },
      { tools: [] },
      { tools: [{ ...toolOf(), description: 'Weather now' }] },
      { tools: [{ ...toolOf(), inputSchema: { type: 'object' } }] },
      { tools: [{ ...toolOf(), name: 'get_forecast' }] },
      { toolChoice: { type: 'required' } },
      { toolChoice: { type: 'tool', toolName: 'get_weather' } },
      {
        providerOptions: {
          openai: { parallelToolCalls: true },
          anthropic: { sendReasoning: true },
        },
      },
      { providerOptions: { openai: { parallelToolCalls: false } } },
      {
        providerOptions: {
          openai: { parallelToolCalls: false, store: true },
          anthropic: { sendReasoning: true },
        },
      },
    ];
    const key = await keyOf();
    const keys = await Promise.all(changes.map((change) => keyWith(change)));
    for (const [index, changed] of keys.entries()) {
      expect(changed, `change ${JSON.stringify(changes[index])}`).not.toBe(key);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('changes whenever a sampling parameter takes another value', async () => {
    const parameters = [
      'temperature',
      'topP',
      'topK',
      'presencePenalty',
      'frequencyPenalty',
      'seed',
      'maxOutputTokens',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...parameters),
        fc.integer({ min: -1_000, max: 1_000 }),
        fc.integer({ min: -1_000, max: 1_000 }),
        async (parameter, left, right) => {
          fc.pre(left !== right);
          const a = await keyWith({ [parameter]: left / 100 });
          const b = await keyWith({ [parameter]: right / 100 });
          expect(a).not.toBe(b);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps tenants, models, targets and kinds apart', async () => {
    const key = await keyOf();
    const others = await Promise.all([
      keyOf({ tenant: 'team-b' }),
      keyOf({ model: 'chat-2' }),
      keyOf({ model: 'openai/gpt-4o' }),
      keyOf({ targets: ['openai/gpt-4o'] }),
      keyOf({ targets: ['anthropic/claude-haiku', 'openai/gpt-4o'] }),
      keyOf({ kind: 'embedding' }),
    ]);
    for (const other of others) expect(other).not.toBe(key);
    expect(new Set(others).size).toBe(others.length);
  });

  it('keeps a tool schema property named __proto__', async () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}');
    const tools = [{ ...toolOf(), inputSchema: schema }];
    expect(await keyWith({ tools })).not.toBe(
      await keyWith({ tools: [{ ...toolOf(), inputSchema: { type: 'object', properties: {} } }] }),
    );
  });

  describe('through the OpenAI conversion', () => {
    it('gives the same key for max_tokens and max_completion_tokens', async () => {
      expect(await openAIKey({ messages, max_tokens: 50 })).toBe(
        await openAIKey({ messages, max_completion_tokens: 50 }),
      );
    });

    it('gives the same key for a stop string and a one-element stop list', async () => {
      expect(await openAIKey({ messages, stop: 'END' })).toBe(
        await openAIKey({ messages, stop: ['END'] }),
      );
    });

    it('gives the same key for null fields and missing ones', async () => {
      expect(
        await openAIKey({ messages, temperature: null, seed: null, tools: null, stop: null }),
      ).toBe(await openAIKey({ messages }));
    });

    it('gives the same key whatever order the body was written in', async () => {
      const body = {
        messages,
        temperature: 0.3,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        response_format: { type: 'json_object' },
      };
      expect(await openAIKey(reversed(body))).toBe(await openAIKey(body));
    });

    it('gives the same key with and without the end-user id', async () => {
      expect(await openAIKey({ messages, user: 'user-1' })).toBe(await openAIKey({ messages }));
      expect(await openAIKey({ messages, user: 'user-1', parallel_tool_calls: false })).toBe(
        await openAIKey({ messages, parallel_tool_calls: false }),
      );
    });

    it('gives the same key for streaming and non-streaming requests', async () => {
      expect(
        await openAIKey({ messages, stream: true, stream_options: { include_usage: true } }),
      ).toBe(await openAIKey({ messages }));
    });

    it('gives another key when parallel_tool_calls, the format or the tool choice change', async () => {
      const key = await openAIKey({ messages });
      const others = await Promise.all([
        openAIKey({ messages, parallel_tool_calls: false }),
        openAIKey({ messages, response_format: { type: 'json_object' } }),
        openAIKey({ messages, tool_choice: 'none' }),
        openAIKey({ messages, reasoning_effort: 'high' }),
      ]);
      for (const other of others) expect(other).not.toBe(key);
    });
  });
});

function toolOf() {
  const tool = options.tools?.[0];
  if (tool?.type !== 'function') throw new Error('the fixture has a function tool');
  return tool;
}

function withoutSeed(): LanguageModelV4CallOptions {
  const { seed: _seed, ...rest } = options;
  return rest;
}
