import { describe, expect, it } from 'vitest';
import { at, managementTestApp } from './management-test-app.ts';

const keyFields = [
  'hash',
  'label',
  'name',
  'disabled',
  'limit',
  'limit_reset',
  'rpm',
  'tpm',
  'max_parallel',
  'models',
  'expires_at',
  'on_store_unavailable',
  'created_at',
  'updated_at',
  'metadata',
  'guardrails',
  'team_id',
  'role',
  'on_insufficient',
];

describe('/api/v1/keys', () => {
  it('creates a key shown once; it authenticates; lists and reads show its label only', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', {
      body: {
        name: 'ci',
        limit: 12.5,
        limit_reset: 'monthly',
        rpm: 60,
        models: ['mock/*'],
        metadata: { owner: 'ci' },
        guardrails: null,
      },
    });
    expect(created.status).toBe(201);
    const key = at<string>(created.body, 'key');
    const hash = at<string>(created.body, 'data.hash');
    expect(key).toMatch(/^sk-sy-v1-/);
    expect(Object.keys(at<object>(created.body, 'data')).sort()).toEqual([...keyFields].sort());
    expect(created.body).toMatchObject({
      data: {
        name: 'ci',
        label: `sk-sy-v1-…${key.slice(-4)}`,
        limit: 12.5,
        limit_reset: 'monthly',
        rpm: 60,
        tpm: null,
        models: ['mock/*'],
        role: 'inference',
        on_insufficient: 'reject',
        disabled: false,
        team_id: null,
        expires_at: null,
        created_at: '2026-12-06T12:00:00.000Z',
        metadata: { owner: 'ci' },
        guardrails: null,
      },
    });
    expect((await call('GET', '/v1/models', { key })).status).toBe(200);
    for (const path of ['/api/v1/keys', `/api/v1/keys/${hash}`]) {
      const read = await call('GET', path);
      expect(read.status).toBe(200);
      expect(read.text).toContain(hash);
      expect(read.text).not.toContain(key);
    }
  });

  it('revokes with PATCH disabled: the next fresh-read request is 401', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci' } });
    const [key, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    expect((await call('GET', '/api/v1/key', { key })).status).toBe(200);
    const revoked = await call('PATCH', `/api/v1/keys/${hash}`, { body: { disabled: true } });
    expect(revoked).toMatchObject({ status: 200, body: { data: { disabled: true } } });
    const refused = await call('GET', '/v1/models', { key });
    expect(refused).toMatchObject({
      status: 401,
      body: { error: { type: 'authentication_error', message: 'This API key has been disabled.' } },
    });
    const listed = await call('GET', '/api/v1/keys');
    expect(at<unknown[]>(listed.body, 'data')).toHaveLength(0);
    const all = await call('GET', '/api/v1/keys?include_disabled=true');
    expect(at<unknown[]>(all.body, 'data')).toHaveLength(1);
  });

  it('changes and clears settings with PATCH, null clearing an optional limit', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci', limit: 5, rpm: 10 } });
    const hash = at<string>(created.body, 'data.hash');
    const patched = await call('PATCH', `/api/v1/keys/${hash}`, {
      body: { limit: null, rpm: 20, expires_at: 1_900_000_000, name: 'renamed' },
    });
    expect(patched.body).toMatchObject({
      data: { limit: null, rpm: 20, name: 'renamed', expires_at: '2030-03-17T17:46:40.000Z' },
    });
    const iso = await call('PATCH', `/api/v1/keys/${hash}`, {
      body: { expires_at: '2031-01-01T00:00:00+01:00' },
    });
    expect(iso.body).toMatchObject({ data: { expires_at: '2030-12-31T23:00:00.000Z' } });
  });

  it('rotates: the new key works at once, the old one until the grace ends', async () => {
    const { call, advance } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci', rpm: 5 } });
    const [oldKey, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    const rotated = await call('POST', `/api/v1/keys/${hash}/rotate`, {
      body: { grace_seconds: 60 },
    });
    expect(rotated).toMatchObject({ status: 201, body: { data: { name: 'ci', rpm: 5 } } });
    const newKey = at<string>(rotated.body, 'key');
    expect(newKey).not.toBe(oldKey);
    expect((await call('GET', '/v1/models', { key: newKey })).status).toBe(200);
    expect((await call('GET', '/v1/models', { key: oldKey })).status).toBe(200);
    advance(60_000);
    expect(await call('GET', '/v1/models', { key: oldKey })).toMatchObject({
      status: 401,
      body: { error: { message: 'This API key has expired.' } },
    });
    expect((await call('GET', '/v1/models', { key: newKey })).status).toBe(200);
  });

  it('rotates with no grace: the old key stops at once', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci' } });
    const [oldKey, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    expect((await call('POST', `/api/v1/keys/${hash}/rotate`, { body: {} })).status).toBe(201);
    expect((await call('GET', '/v1/models', { key: oldKey })).status).toBe(401);
  });

  it('deletes a key: it no longer authenticates, and reading it is 404', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci' } });
    const [key, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    expect(await call('DELETE', `/api/v1/keys/${hash}`)).toMatchObject({
      status: 200,
      body: { data: { hash, deleted: true } },
    });
    expect((await call('GET', '/v1/models', { key })).status).toBe(401);
    expect(await call('GET', `/api/v1/keys/${hash}`)).toMatchObject({
      status: 404,
      body: { error: { type: 'not_found_error', code: 'not_found' } },
    });
  });

  it('pages the list with offset and limit, newest first', async () => {
    const { call, advance } = managementTestApp();
    for (const name of ['a', 'b', 'c']) {
      await call('POST', '/api/v1/keys', { body: { name } });
      advance(1_000);
    }
    const names = async (query: string) =>
      at<{ name: string }[]>((await call('GET', `/api/v1/keys?${query}`)).body, 'data').map(
        (key) => key.name,
      );
    expect(await names('')).toEqual(['c', 'b', 'a']);
    expect(await names('offset=1&limit=1')).toEqual(['b']);
  });
});
