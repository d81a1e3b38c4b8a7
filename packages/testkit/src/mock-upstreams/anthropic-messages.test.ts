import { describe, expect, it } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  eventData,
  postRaw,
  readStream,
  responseBodyOf,
  toolResultPrompt,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const messagesUrl = () => `${upstream.baseURLs.anthropic}/messages`;
const request = { model: 'claude-sonnet-4-5', max_tokens: 100, stream: true };

describe('Anthropic Messages mock', () => {
  it('streams the message event sequence with thinking, signature and text blocks', async () => {
    const { response, events } = await postRaw(messagesUrl(), {
      ...request,
      model: 'claude-sonnet-4-5~reasoning=1',
      messages: [{ role: 'user', content: 'hi' }],
    });

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toBe('req_mock000001');
    const blockEvents = (deltas: number, closing = 0) => [
      'content_block_start',
      ...Array(deltas + closing).fill('content_block_delta'),
      'content_block_stop',
    ];
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'ping',
      ...blockEvents(3, 1),
      ...blockEvents(2),
      'message_delta',
      'message_stop',
    ]);
    const deltas = eventData<{ delta?: { type: string } }>(events).flatMap((event) =>
      event.delta ? [event.delta.type] : [],
    );
    expect(deltas).toContain('signature_delta');
  });

  it('streams tool input as input_json_delta pieces, starting with an empty one', async () => {
    const { events } = await postRaw(messagesUrl(), {
      ...request,
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ name: 'get_weather', input_schema: weatherTool.inputSchema }],
      tool_choice: { type: 'any' },
    });

    const data = eventData<{ type: string; delta?: { partial_json?: string } }>(events);
    expect(data[2]).toMatchObject({
      type: 'content_block_start',
      content_block: { type: 'tool_use', id: 'toolu_mock000001', name: 'get_weather', input: {} },
    });
    const pieces = data.flatMap((event) => event.delta?.partial_json ?? []);
    expect(pieces[0]).toBe('');
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'example', days: 1, metric: true });
    expect(data.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('counts cached tokens apart from input_tokens, as Anthropic does', async () => {
    const model = createLanguageModel(upstream, 'anthropic');
    const result = await model.doGenerate({ prompt: userPrompt('cache me please') });

    const { usage } = responseBodyOf<{
      usage: { input_tokens: number; cache_read_input_tokens: number };
    }>(result);
    expect(usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toEqual({
      total: usage.input_tokens + usage.cache_read_input_tokens,
      noCache: usage.input_tokens,
      cacheRead: usage.cache_read_input_tokens,
      cacheWrite: 0,
    });
  });

  it('keeps the thinking signature the SDK needs to replay reasoning', async () => {
    const model = createLanguageModel(upstream, 'anthropic', 'claude-sonnet-4-5~reasoning=1');
    const { stream } = await model.doStream({ prompt: userPrompt('think') });
    const { parts } = await readStream(stream);

    const signatures = parts.flatMap((part) =>
      part.type === 'reasoning-delta' || part.type === 'reasoning-end'
        ? [part.providerMetadata?.anthropic?.signature]
        : [],
    );
    expect(signatures).toContain(btoa('mock-signature-mock000001'));
  });

  it('reads the tool_result block the SDK sends', async () => {
    const model = createLanguageModel(upstream, 'anthropic');
    const result = await model.doGenerate({
      prompt: toolResultPrompt('rain'),
      tools: [weatherTool],
    });

    expect(result.content).toEqual([{ type: 'text', text: 'Tool result: rain' }]);
    expect(upstream.requests[0]?.headers).toMatchObject({
      'x-api-key': 'test',
      'anthropic-version': '2023-06-01',
    });
  });

  it.each([
    [529, 'overloaded_error', true],
    [503, 'overloaded_error', true],
    [401, 'authentication_error', false],
  ])('answers status %i with an %s body', async (status, type, isRetryable) => {
    const model = createLanguageModel(upstream, 'anthropic', `claude-sonnet-4-5~status=${status}`);
    const error = await apiCallErrorOf(model.doStream({ prompt: userPrompt('x') }));

    expect(error).toMatchObject({ statusCode: status, isRetryable });
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: expect.any(String),
    });
  });
});
