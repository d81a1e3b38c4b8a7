import { InvalidArgumentError } from '@ai-sdk/provider';
import { generateImage } from 'ai';
import { describe, expect, it } from 'vitest';
import { SwitchyardModelNotFoundError } from './errors/switchyard-model-not-found-error.ts';
import { createGateway } from './switchyard-provider.ts';
import {
  fakeFetch,
  jsonReply,
  resolvedUnexpectedly,
  stableHeaders,
} from './test-support/fake-fetch.ts';

/** A 1x1 PNG, as base64. */
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const imageReply = {
  images: [png, png],
  warnings: [],
  providerMetadata: { switchyard: { provider: 'openai', attempts: 1, images: [] } },
  usage: { inputTokens: 5, outputTokens: 200, totalTokens: 205 },
};

const unset = {
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: {},
};

function imageModel(fetch: typeof globalThis.fetch) {
  return createGateway({
    baseURL: 'https://router.test/v4/ai',
    apiKey: 'sk-test',
    fetch,
  }).imageModel('openai/gpt-image-1');
}

describe('SwitchyardImageModel', () => {
  it('posts the call to {baseURL}/image-model, input images as base64', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(imageReply));
    await imageModel(fetch).doGenerate({
      ...unset,
      prompt: 'a lighthouse',
      n: 2,
      size: '1024x1024',
      seed: 7,
      files: [{ type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) }],
      providerOptions: { switchyard: { tags: ['art'] }, openai: { quality: 'high' } },
    });

    expect(calls[0]?.url).toBe('https://router.test/v4/ai/image-model');
    expect(stableHeaders(calls[0])).toMatchInlineSnapshot(`
      {
        "ai-gateway-protocol-version": "0.0.1",
        "ai-image-model-specification-version": "4",
        "ai-model-id": "openai/gpt-image-1",
        "authorization": "Bearer sk-test",
        "content-type": "application/json",
      }
    `);
    expect(calls[0]?.body).toMatchInlineSnapshot(`
      {
        "files": [
          {
            "data": "AQID",
            "mediaType": "image/png",
            "type": "file",
          },
        ],
        "n": 2,
        "prompt": "a lighthouse",
        "providerOptions": {
          "openai": {
            "quality": "high",
          },
          "switchyard": {
            "tags": [
              "art",
            ],
          },
        },
        "seed": 7,
        "size": "1024x1024",
      }
    `);
  });

  it('returns the images, usage, response headers and switchyard metadata', async () => {
    const { fetch } = fakeFetch(
      jsonReply(imageReply, { headers: { 'x-switchyard-provider': 'openai' } }),
    );
    const result = await imageModel(fetch).doGenerate({ ...unset, prompt: 'a lighthouse', n: 2 });

    expect(result.images).toEqual([png, png]);
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 200, totalTokens: 205 });
    expect(result.providerMetadata?.switchyard).toMatchObject({ provider: 'openai' });
    expect(result.response.headers?.['x-switchyard-provider']).toBe('openai');
  });

  it('gives every metadata entry the images list generateImage reads', async () => {
    const { fetch } = fakeFetch(
      jsonReply({ ...imageReply, providerMetadata: { switchyard: { provider: 'openai' } } }),
    );
    const result = await imageModel(fetch).doGenerate({ ...unset, prompt: 'x', n: 1 });

    expect(result.providerMetadata?.switchyard).toEqual({ provider: 'openai', images: [] });
  });

  it('validates providerOptions.switchyard before sending', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(imageReply));
    const error = await imageModel(fetch)
      .doGenerate({ ...unset, prompt: 'x', n: 1, providerOptions: { switchyard: { nope: 1 } } })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('maps an unknown model to SwitchyardModelNotFoundError', async () => {
    const { fetch } = fakeFetch(
      jsonReply(
        { error: { message: 'No such model.', type: 'model_not_found', param: null, code: null } },
        { status: 404 },
      ),
    );
    const error = await imageModel(fetch)
      .doGenerate({ ...unset, prompt: 'x', n: 1 })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
  });

  it('works with generateImage, which splits n above 10 into several calls', async () => {
    const ten = { ...imageReply, images: Array.from({ length: 10 }, () => png) };
    const { fetch, calls } = fakeFetch(jsonReply(ten), jsonReply({ ...imageReply, images: [png] }));
    const result = await generateImage({ model: imageModel(fetch), prompt: 'a lighthouse', n: 11 });

    expect(result.images).toHaveLength(11);
    expect(calls.map((call) => (call.body as { n: number }).n).sort()).toEqual([1, 10]);
    expect(result.images[0]?.mediaType).toBe('image/png');
  });
});
