import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RouterEnv } from '../context.ts';
import { apiKeyAuth } from './auth.ts';
import { errorHandler } from './error-handler.ts';

const config = parseConfig({
  providers: { mock: { type: 'mock', models: { echo: {} } } },
  keys: [
    { key: 'env:TEAM_A_KEY', tenant: 'team-a' },
    { key: 'sk-literal-team-b', tenant: 'team-b' },
    { key: 'env:UNSET_KEY', tenant: 'team-c' },
  ],
});
const env = { TEAM_A_KEY: 'sk-team-a' };

const appWithKey = (adminKey: string | undefined) =>
  new Hono<RouterEnv>()
    .use(apiKeyAuth({ adminKey, config, env }))
    .get('/v1/models', (c) => c.text(`secret data for ${c.get('tenant')}`))
    .onError(errorHandler);

const app = appWithKey('sk-admin-123');

const get = (target: Hono<RouterEnv>, authorization?: string) =>
  target.request('/v1/models', { headers: authorization === undefined ? {} : { authorization } });

async function expectUnauthorized(response: Response, message: string | RegExp) {
  expect(response.status).toBe(401);
  const body = (await response.json()) as {
    error: { type: string; code: string; message: string };
  };
  expect(body.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
  expect(body.error.message).toMatch(message);
  expect(JSON.stringify(body)).not.toContain('secret data');
}

describe('apiKeyAuth', () => {
  it('lets a request with the admin key through as the admin tenant', async () => {
    const response = await get(app, 'Bearer sk-admin-123');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('secret data for admin');
  });

  it('lets each configured key through as its own tenant, from env or literal', async () => {
    expect(await (await get(app, 'Bearer sk-team-a')).text()).toBe('secret data for team-a');
    expect(await (await get(app, 'Bearer sk-literal-team-b')).text()).toBe(
      'secret data for team-b',
    );
  });

  it('ignores a configured key whose variable is unset', async () => {
    await expectUnauthorized(await get(app, 'Bearer env:UNSET_KEY'), 'Invalid API key.');
  });

  it('accepts the Bearer scheme in any case and extra spaces around the key', async () => {
    for (const header of [
      'bearer sk-admin-123',
      'BEARER sk-admin-123',
      'Bearer   sk-admin-123  ',
    ]) {
      expect((await get(app, header)).status, header).toBe(200);
    }
  });

  it('answers 401 telling how to send the key when none is sent', async () => {
    await expectUnauthorized(await get(app), /Authorization: Bearer/);
    await expectUnauthorized(await get(app, 'sk-admin-123'), /Authorization: Bearer/);
    await expectUnauthorized(await get(app, 'Basic c2stYWRtaW4tMTIz'), /Authorization: Bearer/);
  });

  it('answers 401 for a wrong key, a prefix of the key and a longer key', async () => {
    for (const key of ['sk-wrong', 'sk-admin-12', 'sk-admin-1234']) {
      await expectUnauthorized(await get(app, `Bearer ${key}`), 'Invalid API key.');
    }
  });

  it('answers 401 to every other key when no admin key is configured', async () => {
    for (const adminKey of [undefined, '']) {
      const open = appWithKey(adminKey);
      await expectUnauthorized(await get(open, 'Bearer anything'), 'Invalid API key.');
      await expectUnauthorized(await get(open, 'Bearer sk-admin-123'), 'Invalid API key.');
      await expectUnauthorized(await get(open, 'Bearer '), /Invalid API key|Authorization/);
    }
  });
});
