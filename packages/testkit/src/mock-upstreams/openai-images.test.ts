import { inflateSync } from 'node:zlib';
import { createOpenAI } from '@ai-sdk/openai';
import type { ImageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { mockImageSide, pngOf } from './openai-images.ts';
import { apiCallErrorOf, postRaw, useMockUpstream } from './test-helpers.ts';

const upstream = useMockUpstream();

const imageModel = (modelId = 'gpt-image-1') =>
  createOpenAI({ baseURL: upstream.baseURLs.openai, apiKey: 'test' }).image(modelId);

const call = (prompt: string, n = 1): ImageModelV4CallOptions => ({
  prompt,
  n,
  size: '1024x1024',
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: { openai: { quality: 'low' } },
});

describe('OpenAI images mock', () => {
  it('answers @ai-sdk/openai with n base64 PNGs, usage and the revised prompt', async () => {
    const result = await imageModel().doGenerate(call('a lighthouse at dusk', 3));
    expect(result.images).toHaveLength(3);
    expect(result.images[0]).toBe(pngOf('0:a lighthouse at dusk').toString('base64'));
    expect(new Set<unknown>(result.images).size).toBe(3);
    expect(result.usage?.inputTokens).toBeGreaterThan(0);
    expect(result.providerMetadata?.openai?.images[0]).toMatchObject({
      revisedPrompt: 'a lighthouse at dusk',
    });
    expect(upstream.requests[0]).toMatchObject({
      path: '/v1/images/generations',
      model: 'gpt-image-1',
      body: { prompt: 'a lighthouse at dusk', n: 3, size: '1024x1024', quality: 'low' },
    });
  });

  it('draws the same images for the same prompt on every request', async () => {
    const first = await imageModel().doGenerate(call('stable'));
    const second = await imageModel('dall-e-3').doGenerate(call('stable'));
    expect(first.images).toEqual(second.images);
  });

  it('draws valid PNGs', () => {
    const png = pngOf('check');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(mockImageSide);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(mockImageSide * (mockImageSide * 3 + 1));
  });

  it('fails with an OpenAI error body for an injected status', async () => {
    const error = await apiCallErrorOf(
      Promise.resolve(imageModel('gpt-image-1~status=429').doGenerate(call('x'))),
    );
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
  });

  it('fails only the first request with failFirst, then answers', async () => {
    const model = imageModel('gpt-image-1~failFirst=1');
    await apiCallErrorOf(Promise.resolve(model.doGenerate(call('x'))));
    const { images } = await model.doGenerate(call('x'));
    expect(images).toHaveLength(1);
  });

  it('answers data: URLs when the request asks for url', async () => {
    const { response, text } = await postRaw(`${upstream.baseURLs.openai}/images/generations`, {
      model: 'dall-e-3',
      prompt: 'a url please',
      response_format: 'url',
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(text) as { data: { url: string }[] };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
