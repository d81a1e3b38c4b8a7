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
        name: 'openai/gpt-4o',
        specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'gpt-4o' },
        modelType: 'language',
      },
      {
        id: 'openai/text-embedding-3-small',
        name: 'openai/text-embedding-3-small',
        specification: {
          specificationVersion: 'v4',
          provider: 'openai',
          modelId: 'text-embedding-3-small',
        },
        modelType: 'embedding',
      },
    ]);
  });

  it('leaves pricing out while no catalog knows prices', async () => {
    const response = await app.request('/v1/ai/config');
    const { models } = (await response.json()) as { models: object[] };
    expect(models.some((model) => 'pricing' in model)).toBe(false);
  });
});
