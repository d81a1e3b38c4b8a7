import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { ConfigError, parseConfig } from '../config/index.ts';
import { createMemoryStore } from '../store/memory-store.ts';

const appOrigin = 'https://app.example';

function router(cors?: unknown) {
  return createApp({
    config: parseConfig({
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      server: { requestLog: false, ...(cors !== undefined && { cors }) },
    }),
    store: createMemoryStore(),
    adminKey: 'sk-admin',
  });
}

const preflight = (origin: string, headers = 'authorization, content-type') => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': headers,
  },
});

const chat = (origin: string, key = 'sk-admin') => ({
  method: 'POST',
  headers: { origin, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
});

describe('CORS', () => {
  it('is off by default: no CORS headers, and a preflight is not answered', async () => {
    const app = router();
    const answer = await app.request('/v1/chat/completions', preflight(appOrigin));
    expect(answer.status).not.toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const response = await app.request('/v1/chat/completions', chat(appOrigin));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight from a listed origin with 204 before auth', async () => {
    const app = router({ origins: [appOrigin], maxAge: 600 });
    const answer = await app.request('/v1/chat/completions', preflight(appOrigin));
    expect(answer.status).toBe(204);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'access-control-allow-origin': appOrigin,
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
      vary: expect.stringContaining('Origin'),
    });
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('allows the listed origin on answers and errors, exposing the gateway headers', async () => {
    const app = router({ origins: [appOrigin] });
    const response = await app.request('/v1/chat/completions', chat(appOrigin));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(response.headers.get('vary')).toContain('Origin');
    const exposed = response.headers.get('access-control-expose-headers')?.split(',') ?? [];
    for (const name of [
      'x-request-id',
      'x-switchyard-request-id',
      'x-switchyard-route',
      'x-ratelimit-remaining-requests',
      'retry-after',
    ]) {
      expect(exposed).toContain(name);
    }
    // A browser app can read why it was refused.
    const refused = await app.request('/v1/chat/completions', chat(appOrigin, 'sk-wrong'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(appOrigin);
  });

  it('does not allow an origin that is not listed', async () => {
    const app = router({ origins: [appOrigin] });
    const answer = await app.request('/v1/chat/completions', preflight('https://evil.example'));
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const response = await app.request('/v1/chat/completions', chat('https://evil.example'));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin with "*", and only the configured headers when given', async () => {
    const app = router({ origins: '*', headers: ['authorization', 'content-type'] });
    const answer = await app.request(
      '/v1/ai/language-model',
      preflight('https://anywhere.example', 'authorization, x-custom'),
    );
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('sends Access-Control-Allow-Credentials for credentialed requests when asked', async () => {
    const app = router({ origins: [appOrigin], credentials: true });
    const answer = await app.request('/v1/models', preflight(appOrigin));
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    const response = await app.request('/v1/models', {
      headers: { origin: appOrigin, authorization: 'Bearer sk-admin', cookie: 'session=1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin);
  });

  it.each([
    [{ origins: '*', credentials: true }, /credentials/],
    [{ origins: ['https://app.example/'] }, /origin/],
    [{ origins: [] }, /origins/],
    [{ origins: ['https://app.example'], allowed: true }, /allowed/],
  ])('refuses the config %j', (cors, message) => {
    expect(() =>
      parseConfig({ providers: { mock: { type: 'mock', models: {} } }, server: { cors } }),
    ).toThrow(ConfigError);
    expect(() =>
      parseConfig({ providers: { mock: { type: 'mock', models: {} } }, server: { cors } }),
    ).toThrow(message);
  });
});
