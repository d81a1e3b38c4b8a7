import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RouterEnv } from '../context.ts';
import { createAuthenticator } from '../governance/records/authenticator.ts';
import { createKey } from '../governance/records/create-key.ts';
import type { KeySettings } from '../governance/records/settings.ts';
import { updateKey } from '../governance/records/update-key.ts';
import { createControlledStore } from '../store/controlled-store.ts';
import { guardStore } from '../store/guarded-store.ts';
import { type ApiKeyAuthOptions, apiKeyAuth, resolveStaticKeys } from './auth.ts';
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

describe('apiKeyAuth with stored keys', () => {
  const secret = new TextEncoder().encode('secret');

  function setup() {
    const controlled = createControlledStore();
    const store = guardStore(controlled.store, { timeBudgetMs: 1_000 });
    const authenticator = createAuthenticator({
      adminKey: 'sk-admin-123',
      staticKeys: resolveStaticKeys({ config, env }),
      keySecret: secret,
      store,
    });
    const context = {
      store,
      now: Date.now(),
      auditRetentionDays: 1,
      audit: { actor: 'admin', requestId: null, ip: null },
    };
    const create = async (settings: KeySettings) => {
      const created = await createKey(context, settings, secret);
      if (created.status !== 'ok') throw new Error(created.status);
      return created.value;
    };
    const appFor = (options?: ApiKeyAuthOptions) =>
      new Hono<RouterEnv>()
        .use(async (c, next) => {
          c.set('authenticator', authenticator);
          await next();
        })
        .use(apiKeyAuth({ adminKey: 'sk-admin-123', config, env }, options))
        .get('/probe', (c) => c.json({ principal: c.var.principal.kind, tenant: c.var.tenant }))
        .onError(errorHandler);
    return { controlled, context, create, appFor };
  }

  const probe = (app: Hono<RouterEnv>, headers: Record<string, string>) =>
    app.request('/probe', { headers });

  it('lets a stored inference key in as its own tenant, by Bearer or x-api-key', async () => {
    const { create, appFor } = setup();
    const { key, record } = await create({ name: 'ci' });
    const app = appFor();
    const tenant = `key:${record.scopeId.slice(0, 32)}`;
    const both: Record<string, string>[] = [
      { authorization: `Bearer ${key}` },
      { 'x-api-key': key },
    ];
    for (const headers of both) {
      const response = await probe(app, headers);
      expect(await response.json()).toEqual({ principal: 'key', tenant });
    }
  });

  it('refuses a revoked key on a fresh-read route with a clear 401', async () => {
    const { create, context, appFor } = setup();
    const { key, record } = await create({ name: 'ci' });
    const app = appFor({ fresh: true });
    expect((await probe(app, { authorization: `Bearer ${key}` })).status).toBe(200);
    await updateKey(context, record.hash, { disabled: true });
    await expectUnauthorized(
      await probe(app, { authorization: `Bearer ${key}` }),
      'This API key has been disabled.',
    );
  });

  it('answers 403 to a caller outside the route audience', async () => {
    const { create, appFor } = setup();
    const admin = await create({ name: 'ops', role: 'admin' });
    const inference = await create({ name: 'app' });
    const forbidden = async (response: Response) => {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        error: { type: 'permission_error', code: 'permission_denied' },
      });
    };
    await forbidden(await probe(appFor(), { authorization: `Bearer ${admin.key}` }));
    const management = appFor({ audience: 'management' });
    await forbidden(await probe(management, { authorization: `Bearer ${inference.key}` }));
    await forbidden(await probe(management, { authorization: 'Bearer sk-team-a' }));
    expect((await probe(management, { authorization: `Bearer ${admin.key}` })).status).toBe(200);
    expect((await probe(management, { authorization: 'Bearer sk-admin-123' })).status).toBe(200);
    const self = appFor({ audience: 'self' });
    expect((await probe(self, { authorization: `Bearer ${inference.key}` })).status).toBe(200);
  });

  it('answers 503 store_unavailable when a stored key must be read and the store fails', async () => {
    const { controlled, create, appFor } = setup();
    const { key } = await create({ name: 'ci' });
    controlled.setMode('reject');
    const response = await probe(appFor({ fresh: true }), { authorization: `Bearer ${key}` });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { type: 'api_error', code: 'store_unavailable' },
    });
    expect((await probe(appFor(), { authorization: 'Bearer sk-admin-123' })).status).toBe(200);
  });

  it('gives an unknown stored-looking key the same 401 as any wrong key', async () => {
    const { appFor } = setup();
    const unknown = `sk-sy-v1-${'A'.repeat(44)}`;
    await expectUnauthorized(
      await probe(appFor(), { authorization: `Bearer ${unknown}` }),
      'Invalid API key.',
    );
  });
});
