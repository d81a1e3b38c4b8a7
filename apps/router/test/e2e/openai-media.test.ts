import {
  type MockUpstream,
  type RunningRouter,
  startMockUpstream,
  startRouter,
} from '@switchyard/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, upstreamVars } from './fixtures.ts';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const bytesOf = (base64: string | undefined) =>
  Uint8Array.from(atob(base64 ?? ''), (character) => character.charCodeAt(0));

describe.each(['node', 'workerd'] as const)(
  'the openai client embedding and drawing through the router on %s',
  (runtime) => {
    let upstream: MockUpstream;
    let router: RunningRouter;
    let client: OpenAI;
    /** The bodies the client sent, to see what it asked the router for. */
    const sent: Record<string, unknown>[] = [];

    beforeAll(async () => {
      upstream = await startMockUpstream();
      const config = upstreamConfig(upstream);
      router = await startRouter(runtime, {
        config: {
          ...config,
          models: {
            ...config.models,
            'embed-failover': { targets: ['mock/down', 'openai/text-embedding-3-small'] },
            'image-failover': { targets: ['openai/gpt-image-1~status=500', 'mock/echo'] },
          },
        },
        adminKey,
        vars: upstreamVars,
      });
      client = new OpenAI({
        baseURL: `${router.url}/v1`,
        apiKey: adminKey,
        maxRetries: 0,
        fetch: async (url, init) => {
          if (typeof init?.body === 'string') sent.push(JSON.parse(init.body));
          return fetch(url, init);
        },
      });
    });
    afterAll(async () => {
      await router?.close();
      await upstream?.close();
    });

    it('decodes the base64 vectors it asks for by default to the float ones', async () => {
      const input = ['the quick brown fox', 'jumps over'];
      const model = 'openai/text-embedding-3-small';
      const { data: byDefault, response } = await client.embeddings
        .create({ model, input })
        .withResponse();
      expect(sent.at(-1)).toMatchObject({ encoding_format: 'base64' });
      const floats = await client.embeddings.create({ model, input, encoding_format: 'float' });
      expect(sent.at(-1)).toMatchObject({ encoding_format: 'float' });

      expect(byDefault.model).toBe(model);
      expect(byDefault.data).toHaveLength(2);
      byDefault.data.forEach((item, index) => {
        const vector = floats.data[index]?.embedding ?? [];
        expect(vector.length).toBeGreaterThan(0);
        expect(item.embedding).toEqual(vector.map(Math.fround));
      });
      expect(byDefault.usage.prompt_tokens).toBeGreaterThan(0);
      expect(response.headers.get('x-switchyard-provider')).toBe('openai');
      expect(upstream.requests.at(-1)?.body).toMatchObject({ encoding_format: 'float' });
    });

    it('embeds with the mock provider at the requested dimensions', async () => {
      const result = await client.embeddings.create({
        model: 'mock/echo',
        input: 'hello',
        dimensions: 4,
      });
      expect(result.data[0]?.embedding).toHaveLength(4);
      const norm = Math.hypot(...(result.data[0]?.embedding ?? []));
      expect(norm).toBeCloseTo(1, 5);
    });

    it('fails over from a failing target for embeddings', async () => {
      const { data, response } = await client.embeddings
        .create({ model: 'embed-failover', input: ['one', 'two', 'three'] })
        .withResponse();
      expect(data.data).toHaveLength(3);
      expect(data.model).toBe('openai/text-embedding-3-small');
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
    });

    it('generates b64_json PNGs through the OpenAI images upstream', async () => {
      const result = await client.images.generate({
        model: 'openai/gpt-image-1',
        prompt: 'a lighthouse at dusk',
        n: 2,
        size: '1024x1024',
        quality: 'low',
      });
      expect(result.data).toHaveLength(2);
      for (const image of result.data ?? []) {
        expect([...bytesOf(image.b64_json).subarray(0, 8)]).toEqual(pngSignature);
      }
      expect(result.usage?.total_tokens).toBeGreaterThan(0);
      const request = upstream.requests.find((entry) => entry.path === '/v1/images/generations');
      expect(request?.body).toMatchObject({ prompt: 'a lighthouse at dusk', quality: 'low' });
    });

    it('generates with the mock provider and fails over from a failing upstream', async () => {
      const { data: result, response } = await client.images
        .generate({ model: 'image-failover', prompt: 'a red kite', response_format: 'b64_json' })
        .withResponse();
      expect(result.data).toHaveLength(1);
      expect([...bytesOf(result.data?.[0]?.b64_json).subarray(0, 8)]).toEqual(pngSignature);
      expect(response.headers.get('x-switchyard-provider')).toBe('mock');
      expect(response.headers.get('x-switchyard-route')).toContain(
        'openai/gpt-image-1~status=500:500',
      );
    });

    it('reports a model without image generation as a 400 in the OpenAI envelope', async () => {
      const error = await client.images
        .generate({ model: 'anthropic/claude-sonnet-4-5', prompt: 'p' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('images_not_supported');
    });
  },
);
