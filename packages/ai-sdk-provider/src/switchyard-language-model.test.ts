import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { InvalidArgumentError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { SwitchyardUpstreamError } from './errors/switchyard-upstream-error.ts';
import { createGateway } from './switchyard-provider.ts';
import {
  fakeFetch,
  jsonReply,
  openSseReply,
  readAll,
  resolvedUnexpectedly,
  sseReply,
  stableHeaders,
} from './test-support/fake-fetch.ts';

const baseURL = 'https://router.test/v1/ai/';

const usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};

const switchyardMetadata = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  attempts: 2,
  route: 'model=chat; targets=mock/down,anthropic/claude-sonnet-4-5',
  cache: 'MISS',
  requestId: 'req_123',
};

const generateResult = {
  content: [{ type: 'text', text: 'Echo: hello' }],
  finishReason: { unified: 'stop', raw: 'end_turn' },
  usage,
  providerMetadata: { switchyard: switchyardMetadata },
  response: { id: 'resp_1', timestamp: '2026-01-02T03:04:05.000Z', modelId: 'claude-sonnet-4-5' },
  warnings: [],
};

const streamParts = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'resp_1', timestamp: '2026-01-02T03:04:05.000Z' },
  { type: 'raw', rawValue: { upstream: 'event' } },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Echo: ' },
  { type: 'text-delta', id: 't1', delta: 'hello' },
  { type: 'text-end', id: 't1' },
  {
    type: 'finish',
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage,
    providerMetadata: { switchyard: switchyardMetadata },
  },
];

const callOptions: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
  temperature: 0.2,
  maxOutputTokens: 100,
  providerOptions: { switchyard: { models: ['anthropic/claude-sonnet-4-5'], tags: ['test'] } },
};

function model(fetch: typeof globalThis.fetch, modelId = 'openai/gpt-4o') {
  return createGateway({
    baseURL,
    apiKey: 'sk-test',
    headers: { 'x-team': 'checkout' },
    fetch,
  }).languageModel(modelId);
}

describe('SwitchyardLanguageModel.doGenerate', () => {
  it('posts the call options to {baseURL}/language-model with the gateway headers', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(generateResult));
    const abortController = new AbortController();
    await model(fetch).doGenerate({ ...callOptions, abortSignal: abortController.signal });

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://router.test/v1/ai/language-model');
    expect(calls[0]?.method).toBe('POST');
    expect(stableHeaders(calls[0])).toMatchInlineSnapshot(`
      {
        "ai-gateway-protocol-version": "0.0.1",
        "ai-language-model-id": "openai/gpt-4o",
        "ai-language-model-specification-version": "4",
        "ai-language-model-streaming": "false",
        "authorization": "Bearer sk-test",
        "content-type": "application/json",
        "x-team": "checkout",
      }
    `);
    expect(calls[0]?.headers['user-agent']).toMatch(
      /^switchyard-ai-sdk-provider\/\d+\.\d+\.\d+\S* ai-sdk-provider-utils\/5\.0\.81/,
    );
    expect(calls[0]?.body).toMatchInlineSnapshot(`
      {
        "maxOutputTokens": 100,
        "prompt": [
          {
            "content": [
              {
                "text": "hello",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "providerOptions": {
          "switchyard": {
            "models": [
              "anthropic/claude-sonnet-4-5",
            ],
            "tags": [
              "test",
            ],
          },
        },
        "temperature": 0.2,
      }
    `);
    expect(calls[0]?.signal).toBe(abortController.signal);
  });

  it('returns the generate result with the timestamp revived and switchyard metadata intact', async () => {
    const { fetch } = fakeFetch(
      jsonReply(generateResult, { headers: { 'x-switchyard-request-id': 'req_123' } }),
    );
    const result = await model(fetch).doGenerate(callOptions);

    expect(result.content).toEqual([{ type: 'text', text: 'Echo: hello' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.usage.inputTokens.total).toBe(5);
    expect(result.providerMetadata?.switchyard).toEqual(switchyardMetadata);
    expect(result.response?.timestamp).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(result.response?.id).toBe('resp_1');
    expect(result.response?.modelId).toBe('claude-sonnet-4-5');
    expect(result.response?.headers?.['x-switchyard-request-id']).toBe('req_123');
    expect(result.request?.body).toMatchObject({ temperature: 0.2 });
    expect(result.warnings).toEqual([]);
  });

  it('sends inline file bytes as base64 and leaves the caller prompt untouched', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(generateResult));
    const bytes = new Uint8Array([104, 105, 0, 255]);
    const options: LanguageModelV4CallOptions = {
      prompt: [
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'image/png', data: { type: 'data', data: bytes } },
            {
              type: 'file',
              mediaType: 'image/png',
              data: { type: 'url', url: new URL('https://example.com/cat.png') },
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_1',
              toolName: 'screenshot',
              output: {
                type: 'content',
                value: [
                  { type: 'file', mediaType: 'image/png', data: { type: 'data', data: bytes } },
                ],
              },
            },
          ],
        },
      ],
    };
    await model(fetch).doGenerate(options);

    expect(calls[0]?.body).toMatchObject({
      prompt: [
        {
          content: [
            { data: { type: 'data', data: 'aGkA/w==' } },
            { data: { type: 'url', url: 'https://example.com/cat.png' } },
          ],
        },
        {
          content: [{ output: { value: [{ data: { type: 'data', data: 'aGkA/w==' } }] } }],
        },
      ],
    });
    const [user] = options.prompt;
    expect(user?.role === 'user' && user.content[0]).toMatchObject({ data: { data: bytes } });
  });

  it('rejects invalid providerOptions.switchyard before sending anything', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(generateResult));
    const error = await model(fetch)
      .doGenerate({ ...callOptions, providerOptions: { switchyard: { cache: { ttl: 1 } } } })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providerOptions.switchyard.cache.ttl');
    expect(calls).toHaveLength(0);
  });

  it('maps an error envelope to a typed error', async () => {
    const { fetch } = fakeFetch(
      jsonReply(
        { error: { message: 'All targets failed.', type: 'internal_server_error', code: 'x' } },
        { status: 502 },
      ),
    );
    const error = await model(fetch)
      .doGenerate(callOptions)
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(SwitchyardUpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 502, message: 'All targets failed.' });
  });

  it('rethrows an abort unchanged', async () => {
    const abortController = new AbortController();
    const { fetch } = fakeFetch(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
        }),
    );
    const pending = model(fetch).doGenerate({
      ...callOptions,
      abortSignal: abortController.signal,
    });
    abortController.abort();
    const error = await pending.then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('SwitchyardLanguageModel.doStream', () => {
  it('asks for a stream in the headers and sends the same body', async () => {
    const { fetch, calls } = fakeFetch(sseReply(streamParts));
    await model(fetch, 'chat').doStream(callOptions);

    expect(calls[0]?.url).toBe('https://router.test/v1/ai/language-model');
    expect(calls[0]?.headers).toMatchObject({
      'ai-language-model-id': 'chat',
      'ai-language-model-streaming': 'true',
      'ai-language-model-specification-version': '4',
    });
    expect(calls[0]?.body).toEqual({ ...callOptions });
  });

  it('yields the parts in order, revives timestamps and drops raw parts', async () => {
    const { fetch } = fakeFetch(
      sseReply(streamParts, { headers: { 'x-switchyard-cache': 'MISS' } }),
    );
    const { stream, response } = await model(fetch).doStream(callOptions);
    const parts = await readAll(stream);

    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(parts[1]).toEqual({
      type: 'response-metadata',
      id: 'resp_1',
      timestamp: new Date('2026-01-02T03:04:05.000Z'),
    });
    expect(parts.at(-1)).toMatchObject({ providerMetadata: { switchyard: switchyardMetadata } });
    expect(response?.headers?.['x-switchyard-cache']).toBe('MISS');
  });

  it('keeps raw parts when the caller asked for raw chunks', async () => {
    const { fetch } = fakeFetch(sseReply(streamParts));
    const { stream } = await model(fetch).doStream({ ...callOptions, includeRawChunks: true });
    const parts = await readAll(stream);

    expect(parts).toContainEqual({ type: 'raw', rawValue: { upstream: 'event' } });
  });

  it('turns an error part carrying the envelope into a typed error', async () => {
    const { fetch } = fakeFetch(
      sseReply(
        [
          { type: 'text-start', id: 't1' },
          { type: 'text-delta', id: 't1', delta: 'Ech' },
          {
            type: 'error',
            error: { error: { message: 'Upstream broke.', type: 'upstream_error', code: 'cut' } },
          },
          { type: 'error', error: 'plain text error' },
        ],
        { headers: { 'x-switchyard-request-id': 'req_9' } },
      ),
    );
    const { stream } = await model(fetch).doStream(callOptions);
    const errors = (await readAll(stream)).filter(
      (part): part is Extract<LanguageModelV4StreamPart, { type: 'error' }> =>
        part.type === 'error',
    );

    expect(SwitchyardUpstreamError.isInstance(errors[0]?.error)).toBe(true);
    expect(errors[0]?.error).toMatchObject({
      message: 'Upstream broke.',
      code: 'cut',
      requestId: 'req_9',
      isRetryable: true,
    });
    expect(errors[1]?.error).toBe('plain text error');
  });

  it('fails the stream on an event that is not JSON', async () => {
    const { fetch } = fakeFetch(
      new Response('data: {"type":"text-start","id":"t1"}\n\ndata: {oops\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      }),
    );
    const { stream } = await model(fetch).doStream(callOptions);

    await expect(readAll(stream)).rejects.toThrow(/JSON/);
  });

  it('ends the stream with the abort error when the caller aborts midway', async () => {
    const abortController = new AbortController();
    const { fetch } = fakeFetch((call) => openSseReply(streamParts.slice(0, 5), call.signal));
    const { stream } = await model(fetch).doStream({
      ...callOptions,
      abortSignal: abortController.signal,
    });
    const reader = stream.getReader();
    const first = await reader.read();
    abortController.abort();
    let error: unknown;
    try {
      while (!(await reader.read()).done) {}
    } catch (caught) {
      error = caught;
    }

    expect(first.value?.type).toBe('stream-start');
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('through the AI SDK', () => {
  it('generateText returns the router text and switchyard metadata', async () => {
    const { fetch } = fakeFetch(jsonReply(generateResult));
    const result = await generateText({ model: model(fetch), prompt: 'hello' });

    expect(result.text).toBe('Echo: hello');
    expect(result.providerMetadata?.switchyard).toEqual(switchyardMetadata);
  });

  it('streamText assembles the streamed text', async () => {
    const { fetch } = fakeFetch(sseReply(streamParts));
    const result = streamText({ model: model(fetch), prompt: 'hello' });

    expect(await result.text).toBe('Echo: hello');
    expect((await result.providerMetadata)?.switchyard).toEqual(switchyardMetadata);
  });
});
