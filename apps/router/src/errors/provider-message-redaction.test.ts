import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { parseConfig } from '../config/index.ts';
import type { RequestLogEntry } from '../middleware/request-log.ts';
import { createMemoryStore } from '../store/memory-store.ts';

const providerKey = `sk-proj-${'Hk4vR9zQ2m'.repeat(5)}`;

/** A provider that quotes the key it was sent in its 400, as some do for malformed keys. */
const echoingProvider = async (_url: string | URL | Request, init?: RequestInit) => {
  const authorization = new Headers(init?.headers).get('authorization') ?? '';
  const message = `Invalid request: the credential '${authorization}' cannot use this model.`;
  return Response.json({ error: { message, type: 'invalid_request_error' } }, { status: 400 });
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a provider message that quotes the gateway’s own provider key', () => {
  it('reaches neither the client nor the log', async () => {
    const logged: unknown[] = [];
    for (const method of ['log', 'error', 'warn', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args) => logged.push(args));
    }
    const entries: RequestLogEntry[] = [];
    const app = createApp({
      config: parseConfig({
        providers: {
          openai: {
            type: 'openai',
            api: 'chat',
            baseURL: 'https://upstream.test/v1',
            apiKey: providerKey,
          },
        },
      }),
      store: createMemoryStore(),
      adminKey: 'sk-admin',
      fetch: echoingProvider,
      logger: (entry) => entries.push(entry),
    });

    const response = await app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = await response.text();

    expect(response.status).toBe(400);
    expect(body).toContain("the credential 'Bearer [redacted]' cannot use this model");
    expect(entries).toHaveLength(1);
    const everything = JSON.stringify({ body, headers: [...response.headers], entries, logged });
    expect(everything).not.toContain(providerKey.slice(8, 24));
  });
});
