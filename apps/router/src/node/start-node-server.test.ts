import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig, type RouterConfig } from '../config/index.ts';
import { startNodeServer } from './start-node-server.ts';

const adminKey = 'sk-test-admin';
let upstream: MockUpstream;
let config: RouterConfig;

beforeAll(async () => {
  upstream = await startMockUpstream();
  config = parseConfig({
    providers: { openai: { type: 'openai', baseURL: `${upstream.baseURLs.openai}`, apiKey: 'k' } },
    models: { chat: { targets: ['openai/gpt-4o'] } },
    server: { requestLog: false },
  });
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => upstream?.close());

function chat(url: string) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hello' }] }),
  });
}

describe('startNodeServer', () => {
  it('calls upstreams through its own client, not the global fetch', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const server = await startNodeServer({
      config,
      port: 0,
      env: { SWITCHYARD_ADMIN_KEY: adminKey },
    });
    try {
      const response = await chat(server.url);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ model: 'openai/gpt-4o' });
    } finally {
      await server.close();
    }
    expect(upstream.requests.at(-1)?.path).toBe('/v1/responses');
    expect(globalFetch.mock.calls.map(([input]) => String(input))).toEqual([
      `${server.url}/v1/chat/completions`,
    ]);
  });

  it('calls upstreams through the fetch it is given', async () => {
    const called: string[] = [];
    const server = await startNodeServer({
      config,
      port: 0,
      env: { SWITCHYARD_ADMIN_KEY: adminKey },
      fetch: (input, init) => {
        called.push(String(input));
        return fetch(input, init);
      },
    });
    try {
      expect((await chat(server.url)).status).toBe(200);
    } finally {
      await server.close();
    }
    expect(called).toEqual([`${upstream.baseURLs.openai}/responses`]);
  });
});
