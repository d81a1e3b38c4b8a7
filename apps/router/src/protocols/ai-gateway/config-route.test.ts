import { createGateway } from '@ai-sdk/gateway';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import { configRoute } from './config-route.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { echo: {} } },
    openai: { type: 'openai', apiKey: 'k', models: ['gpt-4o', 'text-embedding-3-small'] },
  },
  models: { chat: { targets: ['mock/echo', 'openai/gpt-4o'], description: 'Echo, then GPT-4o.' } },
});

const app = new Hono<RouterEnv>().get('/v1/ai/config', configRoute(config));

describe('configRoute', () => {
  it('answers getAvailableModels() of the official client, which validates the shape', async () => {
    const gateway = createGateway({
      baseURL: 'http://router.test/v1/ai',
      apiKey: 'sk-test',
      fetch: async (url, init) => app.request(String(url), init),
    });
    const { models } = await gateway.getAvailableModels();
    expect(models).toEqual([
      {
        id: 'chat',
        name: 'chat',
        description: 'Echo, then GPT-4o.',
        specification: { specificationVersion: 'v4', provider: 'switchyard', modelId: 'chat' },
        modelType: 'language',
      },
      {
        id: 'mock/echo',
        name: 'mock/echo',
        specification: { specificationVersion: 'v4', provider: 'mock', modelId: 'echo' },
        modelType: 'language',
      },
      {
        id: 'openai/gpt-4o',
        name: 'GPT-4o',
        description: expect.any(String),
        // The bundled catalog's list prices, per token, under the client's own names.
        pricing: { input: '0.0000025', output: '0.00001', cachedInputTokens: '0.00000125' },
        specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'gpt-4o' },
        modelType: 'language',
      },
      {
        id: 'openai/text-embedding-3-small',
        name: 'text embedding 3',
        description: expect.any(String),
        specification: {
          specificationVersion: 'v4',
          provider: 'openai',
          modelId: 'text-embedding-3-small',
        },
        modelType: 'embedding',
      },
    ]);
  });

  it('prices the models the catalog knows and leaves the others unpriced', async () => {
    const response = await app.request('/v1/ai/config');
    const { models } = (await response.json()) as { models: { id: string; pricing?: object }[] };
    const priced = models.filter((model) => model.pricing !== undefined).map((model) => model.id);
    expect(priced).toEqual(['openai/gpt-4o']);
  });
});
