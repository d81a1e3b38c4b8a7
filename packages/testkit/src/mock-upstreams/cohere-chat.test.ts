import { createCohere } from '@ai-sdk/cohere';
import { describe, expect, it } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  eventData,
  postRaw,
  responseBodyOf,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const chatUrl = () => `${upstream.baseURLs.cohere}/chat`;
const messages = [{ role: 'user', content: 'Weather in Paris?' }];
const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: weatherTool.inputSchema } },
];

describe('Cohere v2 Chat mock', () => {
  it('streams typed SSE events from message-start to message-end', async () => {
    const { response, events } = await postRaw(chatUrl(), {
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.map((event) => event.event)).toEqual([
      'message-start',
      'content-start',
      'content-delta',
      'content-delta',
      'content-delta',
      'content-end',
      'message-end',
    ]);
    expect(events.every((event) => JSON.parse(event.data).type === event.event)).toBe(true);
    expect(eventData(events).at(-1)).toEqual({
      type: 'message-end',
      delta: {
        finish_reason: 'COMPLETE', // "Echo: Say hi" is 12 characters, 3 tokens
        usage: {
          billed_units: { input_tokens: expect.any(Number), output_tokens: 3 },
          tokens: { input_tokens: expect.any(Number), output_tokens: 3 },
          cached_tokens: expect.any(Number),
        },
      },
    });
  });

  it('plans, then streams the tool call arguments between start and end', async () => {
    const { events } = await postRaw(chatUrl(), {
      model: 'command-a-03-2025',
      messages,
      tools,
      stream: true,
    });

    const types = events.map((event) => event.event);
    expect(types.indexOf('tool-plan-delta')).toBe(1);
    expect(types.slice(types.indexOf('tool-call-start'))).toEqual([
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'message-end',
    ]);
    expect(eventData(events).find((event) => event.type === 'tool-call-start')).toEqual({
      type: 'tool-call-start',
      index: 0,
      delta: {
        message: {
          tool_calls: {
            id: 'get_weather_mock000001',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        },
      },
    });
  });

  it('returns a tool plan and tool calls that the package turns into a tool call', async () => {
    const result = await createLanguageModel(upstream, 'cohere').doGenerate({
      prompt: userPrompt('Weather in Paris?'),
      tools: [weatherTool],
      toolChoice: { type: 'required' },
    });

    const body = responseBodyOf<{ message: { tool_plan: string } }>(result);
    expect(body.message.tool_plan).toBe('I will use the get_weather tool.');
    expect(result.content).toEqual([
      expect.objectContaining({ type: 'tool-call', toolCallId: 'get_weather_mock000001' }),
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'TOOL_CALL' });
    expect(upstream.requests[0]?.body.tool_choice).toBe('REQUIRED');
  });

  it('answers with thinking content before the text when reasoning is asked for', async () => {
    const model = createLanguageModel(
      upstream,
      'cohere',
      'command-a-reasoning-08-2025~reasoning=1',
    );
    const result = await model.doGenerate({ prompt: userPrompt('why?') });

    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Thinking about: why?' },
      { type: 'text', text: 'Echo: why?' },
    ]);
    expect(result.response?.id).toBeUndefined(); // the package reads `generation_id`, v2 sends `id`
  });

  it('fails with Cohere error bodies that the package reads the message from', async () => {
    const model = createLanguageModel(upstream, 'cohere', 'command-a-03-2025~status=429');
    const error = await apiCallErrorOf(model.doStream({ prompt: userPrompt('x') }));

    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(error.message).toBe(
      'You are past the per minute request limit, please wait and try again later.',
    );
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      id: expect.any(String),
      message: error.message,
    });
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer test');
  });

  it('embeds texts through /embed as float vectors', async () => {
    const cohere = createCohere({ baseURL: upstream.baseURLs.cohere, apiKey: 'test' });
    const result = await cohere.embedding('embed-v4.0').doEmbed({
      values: ['sunny day', 'rainy day'],
      providerOptions: { cohere: { outputDimension: 256 } },
    });

    expect(result.embeddings.map((embedding) => embedding.length)).toEqual([256, 256]);
    expect(result.usage?.tokens).toBeGreaterThan(0);
    expect(upstream.requests[0]).toMatchObject({
      path: '/v2/embed',
      body: { embedding_types: ['float'], input_type: 'search_query' },
    });
  });
});
