import { readFileSync } from 'node:fs';
import { embedMany, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { SwitchyardAuthenticationError } from './errors/switchyard-authentication-error.ts';
import { SwitchyardModelNotFoundError } from './errors/switchyard-model-not-found-error.ts';
import { SwitchyardUpstreamError } from './errors/switchyard-upstream-error.ts';
import { createGateway } from './switchyard-provider.ts';
import { fakeFetch, jsonReply } from './test-support/fake-fetch.ts';

/** Replies recorded from the real router (`apps/router`) against the testkit's mock upstreams. */
function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function eventStream(name: string): Response {
  return new Response(fixture(name), { headers: { 'content-type': 'text/event-stream' } });
}

function recordedError(name: string): Response {
  const { status, body } = JSON.parse(fixture(name));
  return jsonReply(body, { status });
}

function gateway(fetch: typeof globalThis.fetch) {
  return createGateway({ baseURL: 'http://127.0.0.1:8787/v1/ai', apiKey: 'sk-test', fetch });
}

describe('replies recorded from the router', () => {
  it('reads a failed-over generate result', async () => {
    const { fetch } = fakeFetch(jsonReply(JSON.parse(fixture('router-generate.json'))));
    const result = await generateText({ model: gateway(fetch)('failover-chat'), prompt: 'x' });

    expect(result.text).toBe('Echo: hello switchyard');
    expect(result.response.timestamp).toBeInstanceOf(Date);
    expect(result.providerMetadata?.switchyard).toMatchObject({
      provider: 'anthropic',
      attempts: expect.any(Number),
      route: expect.stringContaining('mock/down:503'),
      cache: 'BYPASS',
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('reads a stream with reasoning, text and switchyard metadata on finish', async () => {
    const { fetch } = fakeFetch(eventStream('router-stream.chunks.txt'));
    const result = streamText({
      model: gateway(fetch)('anthropic/claude-sonnet-4-5'),
      prompt: 'x',
    });

    expect(await result.reasoningText).toBe('Thinking about: hello switchyard');
    expect(await result.text).toBe('Echo: hello switchyard');
    expect((await result.totalUsage).outputTokens).toBe(14);
    expect((await result.providerMetadata)?.switchyard).toMatchObject({ provider: 'anthropic' });
  });

  it('surfaces a stream the upstream cut midway as a typed error part', async () => {
    const { fetch } = fakeFetch(eventStream('router-stream-interrupted.chunks.txt'));
    const { stream } = await gateway(fetch)('openai-chat/gpt-4o').doStream({ prompt: [] });
    const parts = [];
    for await (const part of stream) parts.push(part);
    const last = parts.at(-1);

    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(SwitchyardUpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'stream_interrupted', type: 'internal_server_error' });
  });

  it('reads the model_not_found envelope', async () => {
    const { fetch } = fakeFetch(recordedError('router-model-not-found.json'));
    const error = await generateText({
      model: gateway(fetch)('nope/model'),
      prompt: 'x',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);

    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ modelId: 'nope/model', statusCode: 404, isRetryable: false });
  });

  it('reads the authentication envelope', async () => {
    const { fetch } = fakeFetch(recordedError('router-authentication.json'));
    const error = await generateText({
      model: gateway(fetch)('mock/echo'),
      prompt: 'x',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);

    expect(SwitchyardAuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_api_key', statusCode: 401 });
  });

  it('reads an embedding result', async () => {
    const { fetch } = fakeFetch(jsonReply(JSON.parse(fixture('router-embedding.json'))));
    const result = await embedMany({
      model: gateway(fetch).embeddingModel('mock/echo'),
      values: ['sunny day', 'rainy night'],
    });

    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toHaveLength(4);
    expect(result.usage.tokens).toBe(6);
    expect(result.providerMetadata?.switchyard).toMatchObject({ provider: 'mock' });
  });
});
