import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { describe, expect, it } from 'vitest';
import { decodeAwsEvents } from './aws-event-stream.ts';
import { mockAwsCredentials } from './provider-models.ts';
import {
  apiCallErrorOf,
  createLanguageModel,
  partsOfType,
  readStream,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const messages = [{ role: 'user', content: [{ text: 'Hi there friend' }] }];

async function postConverseStream(model: string, body: object) {
  const url = `${upstream.baseURLs.bedrock}/model/${encodeURIComponent(model)}/converse-stream`;
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return { response, frames: decodeAwsEvents(new Uint8Array(await response.arrayBuffer())) };
}

describe('Bedrock Converse mock', () => {
  it('streams AWS event-stream frames with valid CRCs, typed headers and padded payloads', async () => {
    const { frames } = await postConverseStream(claude, { messages });

    expect(frames.map((frame) => frame.headers[':event-type'])).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    for (const { headers, data } of frames) {
      expect(headers).toMatchObject({
        ':message-type': 'event',
        ':content-type': 'application/json',
      });
      expect(JSON.parse(data).p).toMatch(/^[a-zA-Z0-9]+$/);
    }
    expect(JSON.parse(frames.at(-1)?.data ?? '')).toMatchObject({
      metrics: { latencyMs: expect.any(Number) },
      usage: { inputTokens: expect.any(Number), cacheReadInputTokens: expect.any(Number) },
    });
  });

  it('reads the model and scenario from the percent-encoded path', async () => {
    const model = createLanguageModel(upstream, 'bedrock', `${claude}~status=429,retryAfter=2`);
    const error = await apiCallErrorOf(model.doGenerate({ prompt: userPrompt('x') }));

    expect(upstream.requests[0]?.path).toBe(
      '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0~status%3D429%2CretryAfter%3D2/converse',
    );
    expect(upstream.requests[0]).toMatchObject({
      model: claude,
      scenario: 'status=429,retryAfter=2',
    });
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(error.message).toBe('Too many requests, please wait before trying again.');
    expect(JSON.parse(error.responseBody ?? '')).toEqual({ message: error.message });
  });

  it('accepts the SigV4 signature the package computes from dummy credentials', async () => {
    await createLanguageModel(upstream, 'bedrock').doGenerate({ prompt: userPrompt('sign me') });

    const { headers } = upstream.requests[0] ?? expect.fail('no request');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('accepts a Bedrock API key as a Bearer token instead', async () => {
    const bedrock = createAmazonBedrock({ baseURL: upstream.baseURLs.bedrock, apiKey: 'br-key' });
    await bedrock(claude).doGenerate({ prompt: userPrompt('bearer') });

    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer br-key');
  });

  it('maps usage with cache reads kept apart from inputTokens', async () => {
    const result = await createLanguageModel(upstream, 'bedrock').doGenerate({
      prompt: userPrompt('usage please'),
    });

    const raw = result.usage.raw as Record<'inputTokens' | 'cacheReadInputTokens', number>;
    expect(result.usage.inputTokens).toEqual({
      total: raw.inputTokens + raw.cacheReadInputTokens,
      noCache: raw.inputTokens,
      cacheRead: raw.cacheReadInputTokens,
      cacheWrite: 0,
    });
    expect(result.response?.id).toBe('6d6f636b-0000-4000-8000-000000000001');
  });

  it('returns reasoning with its signature, then the answer', async () => {
    const model = createLanguageModel(upstream, 'bedrock', `${claude}~reasoning=1`);
    const result = await model.doGenerate({ prompt: userPrompt('think') });

    expect(result.content).toEqual([
      {
        type: 'reasoning',
        text: 'Thinking about: think',
        providerMetadata: {
          amazonBedrock: { signature: btoa('mock-signature-mock000001') },
          bedrock: { signature: btoa('mock-signature-mock000001') },
        },
      },
      { type: 'text', text: 'Echo: think' },
    ]);
  });

  it('streams a toolUse block as start, input pieces and stop', async () => {
    const { stream } = await createLanguageModel(upstream, 'bedrock').doStream({
      prompt: userPrompt('weather'),
      tools: [weatherTool],
    });
    const { parts } = await readStream(stream);

    const inputDeltas = partsOfType(parts, 'tool-input-delta');
    expect(partsOfType(parts, 'tool-input-start')).toEqual([
      { type: 'tool-input-start', id: 'tooluse_mock000001', toolName: 'get_weather' },
    ]);
    expect(inputDeltas.length).toBeGreaterThanOrEqual(2);
    expect(partsOfType(parts, 'tool-call')).toEqual([
      expect.objectContaining({
        toolCallId: 'tooluse_mock000001',
        input: inputDeltas.map((part) => part.delta).join(''),
      }),
    ]);
    expect(partsOfType(parts, 'finish')[0]?.finishReason).toEqual({
      unified: 'tool-calls',
      raw: 'tool_use',
    });
  });

  it('frames a malformed payload correctly, so only its JSON is broken', async () => {
    const { frames } = await postConverseStream(`${claude}~malformed=1`, { messages });

    expect(frames[2]).toEqual({
      headers: expect.objectContaining({ ':event-type': 'contentBlockDelta' }),
      data: '{"malformed":',
    });
  });

  it('embeds with Titan and Cohere models through /invoke', async () => {
    const bedrock = createAmazonBedrock({
      baseURL: upstream.baseURLs.bedrock,
      ...mockAwsCredentials,
    });
    const titan = await bedrock
      .embedding('amazon.titan-embed-text-v2:0')
      .doEmbed({ values: ['sunny day'] });
    const cohere = await bedrock
      .embedding('cohere.embed-english-v3')
      .doEmbed({ values: ['sunny day', 'rainy day'] });

    expect(titan.embeddings).toHaveLength(1);
    expect(titan.usage?.tokens).toBeGreaterThan(0);
    expect(cohere.embeddings).toHaveLength(2);
    expect(cohere.embeddings[0]).toEqual(titan.embeddings[0]);
    expect(upstream.requests.map((request) => request.path)).toEqual([
      '/model/amazon.titan-embed-text-v2%3A0/invoke',
      '/model/cohere.embed-english-v3/invoke',
    ]);
  });
});
