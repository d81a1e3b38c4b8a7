import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config/index.ts';
import type { RequestLogEntry } from '../../src/middleware/request-log.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { describeAIGateway } from './ai-gateway-suite.ts';
import { adminKey, integrationConfig } from './integration-config.ts';
import { describeOpenAIMedia } from './openai-media-suite.ts';
import { describeRouter, type RouterFetch } from './router-suite.ts';

let upstream: MockUpstream;
let fetchRouter: RouterFetch;
const logged: RequestLogEntry[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
  const app = createApp({
    config: parseConfig(integrationConfig(upstream.url)),
    store: createMemoryStore(),
    adminKey,
    logger: (entry) => logged.push(entry),
  });
  fetchRouter = async (path, init) => app.request(`http://router.test${path}`, init);
});
afterAll(() => upstream?.close());

describeRouter('Node', () => fetchRouter);
describeAIGateway('Node', () => fetchRouter);
describeOpenAIMedia('Node', () => fetchRouter);

describe('the request log', () => {
  it('records what served each request, and failures too, without bodies or keys', async () => {
    const response = await fetchRouter('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'chat',
        messages: [{ role: 'user', content: 'secret words' }],
      }),
    });
    const requestId = response.headers.get('x-switchyard-request-id');
    const entry = logged.find((candidate) => candidate.requestId === requestId);
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      model: 'chat',
      provider: 'mock',
      servedModel: 'echo',
      attempts: [
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'mock/echo', outcome: 'ok' },
      ],
    });
    expect(JSON.stringify(logged)).not.toMatch(/secret words|sk-test-admin/);
    expect(entry?.route).toBe(response.headers.get('x-switchyard-route'));
    expect(entry?.cost?.total).toBeGreaterThan(0);
    expect(entry?.outputTokens).toBeGreaterThan(0);
    expect(entry?.cache).toBe('BYPASS');

    await fetchRouter('/v1/models');
    expect(logged.at(-1)).toMatchObject({ path: '/v1/models', status: 401 });
  });
});
