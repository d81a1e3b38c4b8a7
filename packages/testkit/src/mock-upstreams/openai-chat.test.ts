import { describe, expect, it } from 'vitest';
import {
  createLanguageModel,
  eventData,
  partsOfType,
  postRaw,
  readStream,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

interface ChatChunk {
  choices: { delta: { tool_calls?: { function: { arguments: string } }[] } }[];
}

const messages = [{ role: 'user', content: 'Hi there friend' }];
const chatUrl = () => `${upstream.baseURLs.openai}/chat/completions`;

describe('OpenAI Chat Completions mock', () => {
  it('streams chat.completion.chunk events ending in data: [DONE]', async () => {
    const { response, events } = await postRaw(chatUrl(), {
      model: 'gpt-4o',
      messages,
      stream: true,
    });

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = eventData(events);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('adds a final usage chunk only when stream_options.include_usage is set', async () => {
    const { events } = await postRaw(chatUrl(), {
      model: 'gpt-4o',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });

    const chunks = eventData(events);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: expect.any(Number),
        prompt_tokens_details: { cached_tokens: expect.any(Number) },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('streams a tool call as an id and name first, then argument pieces', async () => {
    const { events } = await postRaw(chatUrl(), {
      model: 'gpt-4o',
      messages,
      stream: true,
      tools: [
        { type: 'function', function: { name: 'lookup', parameters: weatherTool.inputSchema } },
      ],
    });

    const toolDeltas = eventData<ChatChunk>(events).flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: 'call_mock000001',
      type: 'function',
      function: { name: 'lookup', arguments: '' },
    });
    const pieces = toolDeltas.slice(1).map((delta) => delta.function.arguments);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'example', days: 1, metric: true });
    expect(eventData(events).at(-1)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
  });

  it('answers with OpenAI error bodies for injected statuses', async () => {
    const { response, text } = await postRaw(chatUrl(), {
      model: 'gpt-4o~status=429,retryAfter=3',
      messages,
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(JSON.parse(text)).toEqual({
      error: {
        message: expect.stringContaining('Rate limit'),
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('records what the SDK sent, with the scenario suffix removed from the model', async () => {
    const model = createLanguageModel(upstream, 'openai-chat', 'gpt-4o~reasoning=1');
    await model.doGenerate({ prompt: userPrompt('record me'), headers: { 'x-trace': 'abc' } });

    const [request] = upstream.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      scenario: 'reasoning=1',
      headers: { authorization: 'Bearer test', 'x-trace': 'abc' },
      body: { model: 'gpt-4o~reasoning=1', messages: [{ role: 'user', content: 'record me' }] },
    });
    expect(upstream.requestCounts).toEqual({ '/v1/chat/completions': 1 });
  });
});

describe('openai-compatible against the Chat Completions mock', () => {
  it('gets no usage when it does not ask for it, as the real API behaves', async () => {
    const model = createLanguageModel(upstream, 'openai-compatible', 'llama', {
      includeUsage: false,
    });
    const { stream } = await model.doStream({ prompt: userPrompt('no usage please') });
    const { parts } = await readStream(stream);

    expect(upstream.requests[0]?.body.stream_options).toBeUndefined();
    const [finish] = partsOfType(parts, 'finish');
    expect(finish?.finishReason.unified).toBe('stop');
    expect(finish?.usage.inputTokens.total).toBeUndefined();
  });

  it('reads reasoning_content deltas as reasoning', async () => {
    const model = createLanguageModel(upstream, 'openai-compatible', 'deepseek-r1~reasoning=1');
    const { stream } = await model.doStream({ prompt: userPrompt('think') });
    const { parts } = await readStream(stream);

    expect(partsOfType(parts, 'reasoning-start')).toHaveLength(1);
    expect(parts.findIndex((part) => part.type === 'reasoning-delta')).toBeLessThan(
      parts.findIndex((part) => part.type === 'text-delta'),
    );
  });
});
