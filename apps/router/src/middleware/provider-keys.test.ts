import type { FetchFunction } from '@ai-sdk/provider-utils';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RouterDeps, RouterEnv } from '../context.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { createMemoryStore } from '../store/index.ts';
import { errorHandler } from './error-handler.ts';
import { providerKeys, providerKeysHeader } from './provider-keys.ts';

const config = parseConfig({
  providers: {
    groq: { type: 'groq', apiKey: 'gsk-gateway', allowRequestKeys: true },
    openai: { type: 'openai', apiKey: 'sk-gateway' },
    mock: { type: 'mock', models: { echo: {} } },
  },
});

/** Answers with the Authorization header the provider package sent upstream. */
const recordingFetch: FetchFunction = async (_input, init) =>
  new Response(JSON.stringify({ error: { message: 'recorded' } }), {
    status: 400,
    headers: { 'x-sent-authorization': new Headers(init?.headers).get('authorization') ?? '' },
  });

const deps: RouterDeps = { config, store: createMemoryStore(), env: {}, fetch: recordingFetch };
const shared = createProviderRegistry(config, { env: {}, fetch: recordingFetch });

const app = new Hono<RouterEnv>()
  .use(async (c, next) => {
    c.set('registry', shared);
    await next();
  })
  .use(providerKeys(deps))
  .post('/call/:provider', async (c) => {
    const target = parseTarget(`${c.req.param('provider')}/some-model`) as Target;
    const model = c.get('registry').languageModel(target);
    const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];
    const error: { responseHeaders?: Record<string, string> } = await Promise.resolve(
      model.doGenerate({ prompt }),
    ).catch((caught) => caught);
    return c.json({
      sent: error.responseHeaders?.['x-sent-authorization'],
      shared: model === shared.languageModel(target),
    });
  })
  .onError(errorHandler);

const call = (provider: string, keys?: string) =>
  app.request(`/call/${provider}`, {
    method: 'POST',
    headers: keys === undefined ? {} : { [providerKeysHeader]: keys },
  });

describe('providerKeys', () => {
  it("serves the request with the caller's key, on a model of its own", async () => {
    const response = await call('groq', JSON.stringify({ groq: 'gsk-caller' }));

    expect(await response.json()).toEqual({ sent: 'Bearer gsk-caller', shared: false });
  });

  it('leaves the shared models and their key alone', async () => {
    await call('groq', JSON.stringify({ groq: 'gsk-caller' }));
    const response = await call('groq');

    expect(await response.json()).toEqual({ sent: 'Bearer gsk-gateway', shared: true });
  });

  it('keeps the configured key for providers the header does not name', async () => {
    const response = await call('openai', JSON.stringify({ groq: 'gsk-caller' }));

    expect(await response.json()).toMatchObject({ sent: 'Bearer sk-gateway' });
  });

  it.each([
    ['a provider without allowRequestKeys', 'openai'],
    ['the mock provider', 'mock'],
    ['an unknown provider', 'nope'],
  ])('answers 400 byok_not_allowed for %s', async (_case, providerId) => {
    const response = await call('groq', JSON.stringify({ [providerId]: 'secret-key' }));

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'byok_not_allowed', param: providerKeysHeader });
    expect(JSON.stringify(error)).not.toContain('secret-key');
  });

  it('answers 400 byok_not_allowed for a provider named __proto__, which a record would drop', async () => {
    const response = await call('groq', '{"__proto__":{"groq":"gsk-caller"},"groq":"gsk-caller"}');

    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('byok_not_allowed');
    expect(body).not.toContain('gsk-caller');
  });

  it('never echoes a key sent where the provider id belongs', async () => {
    const response = await call('groq', JSON.stringify({ 'sk-secret-value': 'openai' }));

    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('byok_not_allowed');
    expect(body).not.toContain('sk-secret-value');
    expect(body).not.toContain('secret');
  });

  it('names a configured provider that takes no request keys, but not its key', async () => {
    const response = await call('groq', JSON.stringify({ openai: 'sk-secret-value' }));

    const body = await response.text();
    expect(body).toContain("'openai'");
    expect(body).not.toContain('sk-secret-value');
  });

  it.each(['not json', '["groq"]', '{"groq":""}', '{"groq":1}'])(
    'answers 400 for a header that is not an object of keys: %s',
    async (header) => {
      const response = await call('groq', header);

      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: Record<string, unknown> };
      expect(error).toMatchObject({ code: 'invalid_request', param: providerKeysHeader });
      expect(error.message).not.toContain(header);
    },
  );
});
