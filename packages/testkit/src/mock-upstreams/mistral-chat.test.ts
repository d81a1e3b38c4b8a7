import { createMistral } from '@ai-sdk/mistral';
import { describe, expect, it } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  eventData,
  partsOfType,
  postRaw,
  readStream,
  responseBodyOf,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

interface MistralChunk {
  choices: { delta: { tool_calls?: object[] }; finish_reason: string | null }[];
  usage?: Record<string, unknown>;
}

const chatUrl = () => `${upstream.baseURLs.mistral}/chat/completions`;
const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: weatherTool.inputSchema } },
];

describe('Mistral Chat Completions mock', () => {
  it('ends every stream with usage on the finish chunk, unasked, then [DONE]', async () => {
    const { events } = await postRaw(chatUrl(), {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });

    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = eventData<MistralChunk>(events);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [{ delta: { content: '' }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: expect.any(Number),
        prompt_tokens_details: { cached_tokens: expect.any(Number) },
      },
    });
  });

  it('streams a tool call whole, with a 9-character id', async () => {
    const { events } = await postRaw(chatUrl(), {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools,
      tool_choice: 'any',
      stream: true,
    });

    const toolCalls = eventData<MistralChunk>(events).flatMap(
      (chunk) => chunk.choices[0]?.delta.tool_calls ?? [],
    );
    expect(toolCalls).toEqual([
      {
        id: 'mock00001',
        function: { name: 'get_weather', arguments: '{"city":"example","days":1,"metric":true}' },
        index: 0,
      },
    ]);
  });

  it('sends reasoning as thinking chunks that the package reads as reasoning', async () => {
    const model = createLanguageModel(upstream, 'mistral', 'magistral-medium-latest~reasoning=1');
    const result = await model.doGenerate({ prompt: userPrompt('think') });
    const { stream } = await model.doStream({ prompt: userPrompt('think') });
    const { parts } = await readStream(stream);

    expect(
      responseBodyOf<{ choices: { message: { content: unknown } }[] }>(result).choices[0],
    ).toMatchObject({
      message: {
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'Thinking about: think' }] },
          { type: 'text', text: 'Echo: think' },
        ],
      },
    });
    expect(result.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(partsOfType(parts, 'reasoning-start')).toHaveLength(1);
    expect(parts.findIndex((part) => part.type === 'reasoning-end')).toBeLessThan(
      parts.findIndex((part) => part.type === 'text-start'),
    );
  });

  it('fails with flat Mistral error bodies that the package reads', async () => {
    const model = createLanguageModel(upstream, 'mistral', 'mistral-large-latest~status=429');
    const error = await apiCallErrorOf(model.doGenerate({ prompt: userPrompt('x') }));

    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      message: 'Rate limit exceeded',
    });
    expect(error.data).toEqual({
      object: 'error',
      message: 'Rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: '1300',
    });
    expect(upstream.requests[0]).toMatchObject({
      path: '/mistral/v1/chat/completions',
      headers: { authorization: 'Bearer test' },
    });
  });

  it('needs its own route: on the OpenAI route the package gets no streamed usage', async () => {
    const mistral = createMistral({ baseURL: upstream.baseURLs.openai, apiKey: 'test' });
    const { stream } = await mistral('mistral-large-latest').doStream({ prompt: userPrompt('hi') });
    const { parts } = await readStream(stream);

    expect(partsOfType(parts, 'finish')[0]?.usage.inputTokens.total).toBeUndefined();
  });

  it('embeds through /embeddings, which the OpenAI embeddings mock answers', async () => {
    const mistral = createMistral({ baseURL: upstream.baseURLs.mistral, apiKey: 'test' });
    const result = await mistral.embedding('mistral-embed').doEmbed({ values: ['a', 'b'] });

    expect(result.embeddings).toHaveLength(2);
    expect(result.usage?.tokens).toBeGreaterThan(0);
    expect(upstream.requests[0]?.path).toBe('/mistral/v1/embeddings');
  });
});
