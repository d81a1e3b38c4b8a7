import { createGateway } from '@ai-sdk/gateway';
import { generateImage, rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

const app = createApp({
  config: parseConfig({
    providers: {
      mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
      anthropic: { type: 'anthropic', apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/v1' },
    },
    models: {
      'images-with-failover': { targets: ['mock/down', 'mock/echo'] },
      'rerank-with-failover': { targets: ['mock/down', 'mock/echo'] },
    },
  }),
  store: createMemoryStore(),
  adminKey: 'sk-admin',
  logger: () => {},
});
const fetchApp = async (url: RequestInfo | URL, init?: RequestInit) =>
  app.request(String(url), init);
const gateway = createGateway({
  baseURL: 'http://router.test/v4/ai',
  apiKey: 'sk-admin',
  fetch: fetchApp,
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sk-admin',
      'content-type': 'application/json',
      'ai-model-id': 'mock/echo',
      ...headers,
    },
    body: JSON.stringify(body),
  });

const documents = ['rain in Paris today', 'the cat sat on the mat', 'a cat and a dog'];

describe('POST /v4/ai/image-model', () => {
  it('generates images with generateImage through @ai-sdk/gateway', async () => {
    const result = await generateImage({
      model: gateway.imageModel('mock/echo'),
      prompt: 'a lighthouse',
      n: 3,
    });
    expect(result.images).toHaveLength(3);
    const [first, second] = result.images;
    // Each is a PNG (its signature spells PNG), and different images differ.
    expect([...(first?.uint8Array.slice(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]);
    expect(first?.base64).not.toBe(second?.base64);
    // `generateImage` keeps only per-image metadata of providers: the facts are in the headers.
    expect(result.responses[0]?.headers).toMatchObject({
      'x-switchyard-provider': 'mock',
      'x-switchyard-model': 'echo',
      'x-switchyard-attempts': '1',
    });
  });

  it("splits an n that @ai-sdk/gateway sends whole by the target model's limit", async () => {
    const result = await generateImage({
      model: gateway.imageModel('mock/echo'),
      prompt: 'a lighthouse',
      n: 23,
    });
    // One request: the router made three calls of at most the mock's 10 images.
    expect(result.responses).toHaveLength(1);
    expect(result.images).toHaveLength(23);
  });

  it('fails over to the next target when the first answers 503', async () => {
    const result = await generateImage({
      model: gateway.imageModel('images-with-failover'),
      prompt: 'a lighthouse',
    });
    expect(result.images).toHaveLength(1);
    const route = result.responses[0]?.headers?.['x-switchyard-route'];
    expect(route).toMatch(/mock\/down.*mock\/echo/);
  });

  it('refuses an image URL it would have to fetch, and accepts a base64 data URL', async () => {
    const fetched = await post(
      '/v4/ai/image-model',
      { prompt: 'edit', n: 1, files: [{ type: 'url', url: 'http://169.254.169.254/latest' }] },
      { 'ai-image-model-specification-version': '4' },
    );
    expect(fetched.status).toBe(400);
    expect(await fetched.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'files[0].url' },
    });
    const inline = await post(
      '/v4/ai/image-model',
      { prompt: 'edit', n: 1, files: [{ type: 'url', url: 'data:image/png;base64,iVBORw0KGgo=' }] },
      { 'ai-image-model-specification-version': '4' },
    );
    expect(inline.status).toBe(200);
  });

  it('answers 400 for a provider without image models', async () => {
    const response = await post(
      '/v4/ai/image-model',
      { prompt: 'x', n: 1 },
      { 'ai-model-id': 'anthropic/claude-sonnet-4-5' },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'images_not_supported' } });
  });
});

describe('POST /v4/ai/reranking-model', () => {
  it('reranks text documents with rerank through @ai-sdk/gateway, best first, cut to topN', async () => {
    const result = await rerank({
      model: gateway.rerankingModel('mock/echo'),
      documents,
      query: 'cat',
      topN: 2,
    });
    expect(result.ranking.map(({ originalIndex }) => originalIndex).sort()).toEqual([1, 2]);
    const [best, next] = result.ranking.map(({ score }) => score);
    expect(best).toBeGreaterThanOrEqual(next ?? Number.POSITIVE_INFINITY);
    expect(result.rerankedDocuments).toEqual(
      result.ranking.map(({ originalIndex }) => documents[originalIndex]),
    );
    const switchyard = result.providerMetadata?.switchyard as Record<string, unknown>;
    expect(switchyard).toMatchObject({ provider: 'mock', attempts: 1 });
  });

  it('reranks object documents and fails over like embeddings', async () => {
    const objects = [{ title: 'dogs' }, { title: 'cat facts' }];
    const result = await rerank({
      model: gateway.rerankingModel('rerank-with-failover'),
      documents: objects,
      query: 'cat',
    });
    expect(result.rerankedDocuments[0]).toEqual({ title: 'cat facts' });
    const switchyard = result.providerMetadata?.switchyard as unknown as
      | { attemptLog: { target: string; outcome: string }[] }
      | undefined;
    const attemptLog = switchyard?.attemptLog ?? [];
    expect(attemptLog[0]).toMatchObject({ target: 'mock/down', outcome: 'error' });
    expect(attemptLog.at(-1)).toMatchObject({ target: 'mock/echo', outcome: 'ok' });
  });

  it('answers 400 reranking_not_supported for a provider without reranking models', async () => {
    const response = await post(
      '/v4/ai/reranking-model',
      { documents: { type: 'text', values: ['a'] }, query: 'a' },
      { 'ai-model-id': 'anthropic/claude-sonnet-4-5' },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'reranking_not_supported' } });
  });

  it('answers 400 naming the field for an empty document list', async () => {
    const response = await post(
      '/v4/ai/reranking-model',
      { documents: { type: 'text', values: [] }, query: 'a' },
      {},
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'documents.values' } });
  });
});

describe('specification version headers', () => {
  it.each([
    ['/v4/ai/image-model', 'ai-image-model-specification-version', { prompt: 'x', n: 1 }],
    [
      '/v1/ai/reranking-model',
      'ai-reranking-model-specification-version',
      { documents: { type: 'text', values: ['a'] }, query: 'a' },
    ],
    ['/v4/ai/embedding-model', 'ai-embedding-model-specification-version', { values: ['a'] }],
  ])('%s answers %s with the version it serves and refuses another', async (path, header, body) => {
    const served = await post(path, body, { [header]: '4' });
    expect(served.status).toBe(200);
    expect(served.headers.get(header)).toBe('4');
    const refused = await post(path, body, { [header]: '3' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get(header)).toBe('4');
    expect(await refused.json()).toMatchObject({ error: { param: header } });
  });
});

describe('GET /v1/credits', () => {
  it('answers getCredits() of @ai-sdk/gateway: a key without a budget has an unbounded balance', async () => {
    expect(await gateway.getCredits()).toEqual({ balance: 'Infinity', totalUsed: '0' });
  });

  it('answers 401 in the gateway envelope without a key and 405 for other methods', async () => {
    const anonymous = await app.request('/v1/credits');
    expect(anonymous.status).toBe(401);
    const posted = await app.request('/v1/credits', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-admin' },
    });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });
});
