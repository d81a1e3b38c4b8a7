import { describe, expect, it } from 'vitest';
import { adminKey } from './integration-config.ts';
import type { RouterFetch } from './router-suite.ts';

const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

interface EmbeddingList {
  object: string;
  data: { object: string; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

interface ImagesResponse {
  created: number;
  data: { b64_json?: string; url?: string }[];
  usage?: { input_tokens: number; total_tokens: number };
}

const post = (fetchRouter: RouterFetch, path: string, body: unknown) =>
  fetchRouter(path, { method: 'POST', headers, body: JSON.stringify(body) });

const decodeFloat32 = (base64: string) => {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return Array.from(new Float32Array(bytes.buffer));
};

const pngSignature = 'iVBORw0KGgo';

async function expectError(response: Response, status: number, code: string, param?: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.code).toBe(code);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

/** `POST /v1/embeddings` and `POST /v1/images/generations`, on Node and in workerd. */
export function describeOpenAIMedia(runtime: string, fetchRouter: () => RouterFetch) {
  const embed = (body: Record<string, unknown>) =>
    post(fetchRouter(), '/v1/embeddings', { model: 'mock/echo', ...body });
  const draw = (body: Record<string, unknown>) =>
    post(fetchRouter(), '/v1/images/generations', { model: 'mock/echo', ...body });

  describe(`OpenAI embeddings on ${runtime}`, () => {
    it('embeds each input as a float vector, with usage and the routing headers', async () => {
      const response = await embed({ input: ['sunny day', 'rainy night'] });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-provider')).toBe('mock');
      expect(response.headers.get('x-switchyard-route')).toContain('mock/echo:ok');
      const list = (await response.json()) as EmbeddingList;
      expect(list).toMatchObject({ object: 'list', model: 'mock/echo' });
      expect(list.data.map(({ object, index }) => ({ object, index }))).toEqual([
        { object: 'embedding', index: 0 },
        { object: 'embedding', index: 1 },
      ]);
      expect(list.data[0]?.embedding).toHaveLength(8);
      expect(list.usage.prompt_tokens).toBeGreaterThan(0);
      expect(list.usage.total_tokens).toBe(list.usage.prompt_tokens);
    });

    it('sends base64 float32 vectors that decode to the float ones', async () => {
      const floats = (await (await embed({ input: 'x', dimensions: 5 })).json()) as EmbeddingList;
      const base64 = (await (
        await embed({ input: 'x', dimensions: 5, encoding_format: 'base64' })
      ).json()) as EmbeddingList;
      const vector = floats.data[0]?.embedding as number[];
      expect(vector).toHaveLength(5);
      expect(decodeFloat32(base64.data[0]?.embedding as string)).toEqual(vector.map(Math.fround));
    });

    it('fails over past a 503 target', async () => {
      const response = await embed({ model: 'chat', input: 'hello' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
      expect(response.headers.get('x-switchyard-model')).toBe('echo');
    });

    it('fails over past an OpenAI upstream answering 503', async () => {
      const response = await embed({ model: 'media', input: ['a', 'b', 'c'] });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-provider')).toBe('openai');
      expect(response.headers.get('x-switchyard-route')).toContain('media-model~status=503:503');
      const list = (await response.json()) as EmbeddingList;
      expect(list.data).toHaveLength(3);
      expect(list.model).toBe('openai/media-model');
    });

    it.each([
      [{ input: undefined }, 'input'],
      [{ input: [] }, 'input'],
      [{ input: [101, 102] }, 'input'],
      [{ input: { text: 'x' } }, 'input'],
      [{ input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ])('answers 400 for %j', async (body, param) => {
      await expectError(await embed(body), 400, 'invalid_request', param);
    });

    it('answers 400 for a model without embeddings', async () => {
      const error = await expectError(
        await embed({ model: 'anthropic/claude-haiku', input: 'x' }),
        400,
        'embeddings_not_supported',
      );
      expect(error.message).toMatch(/does not support embeddings/);
    });
  });

  describe(`OpenAI image generation on ${runtime}`, () => {
    it('draws n PNGs as b64_json by default, with usage', async () => {
      const response = await draw({ prompt: 'a lighthouse', n: 2, size: '256x256' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-provider')).toBe('mock');
      const body = (await response.json()) as ImagesResponse;
      expect(body.created).toBeGreaterThan(1_600_000_000);
      expect(body.data).toHaveLength(2);
      expect(body.data[0]?.b64_json?.startsWith(pngSignature)).toBe(true);
      expect(body.data[0]?.b64_json).not.toBe(body.data[1]?.b64_json);
      expect(body.usage?.input_tokens).toBeGreaterThan(0);
    });

    it('answers url as a data: URL, since the router hosts no files', async () => {
      const body = (await (
        await draw({ prompt: 'p', response_format: 'url' })
      ).json()) as ImagesResponse;
      expect(body.data[0]?.url).toMatch(new RegExp(`^data:image/png;base64,${pngSignature}`));
    });

    it('fails over past a 503 target', async () => {
      const response = await draw({ model: 'chat', prompt: 'p' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
    });

    it('fails over past an OpenAI upstream answering 503 and draws every image', async () => {
      const response = await draw({ model: 'media', prompt: 'two boats', n: 2 });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-route')).toContain('media-model~status=503:503');
      expect(response.headers.get('x-switchyard-provider')).toBe('openai');
      const body = (await response.json()) as ImagesResponse;
      expect(body.data.map((image) => image.b64_json?.slice(0, 11))).toEqual([
        pngSignature,
        pngSignature,
      ]);
      expect(body.usage?.total_tokens).toBeGreaterThan(0);
    });

    it.each([
      [{ prompt: undefined }, 'prompt'],
      [{ prompt: '' }, 'prompt'],
      [{ prompt: 'p', n: 11 }, 'n'],
      [{ prompt: 'p', n: 'two' }, 'n'],
      [{ prompt: 'p', size: 'huge' }, 'size'],
      [{ prompt: 'p', response_format: 'png' }, 'response_format'],
    ])('answers 400 for %j', async (body, param) => {
      await expectError(await draw(body), 400, 'invalid_request', param);
    });

    it('answers 400 for a model without image generation', async () => {
      const error = await expectError(
        await draw({ model: 'anthropic/claude-haiku', prompt: 'p' }),
        400,
        'images_not_supported',
      );
      expect(error.message).toMatch(/does not support images/);
    });

    it('answers 405 to GET', async () => {
      const response = await fetchRouter()('/v1/images/generations', { headers });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });
  });
}
