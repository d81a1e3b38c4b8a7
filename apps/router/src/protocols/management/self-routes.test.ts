import { describe, expect, it } from 'vitest';
import { governanceKeys } from '../../governance/store-keys.ts';
import { guardStore } from '../../store/guarded-store.ts';
import { at, managementTestApp } from './management-test-app.ts';

describe('/api/v1/key and /api/v1/credits', () => {
  it("describes the calling key with its scope's spend", async () => {
    const { call, store } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', {
      body: {
        name: 'app',
        limit: 20,
        limit_reset: 'monthly',
        rpm: 60,
        tpm: 5_000,
        expires_at: '2027-01-01T00:00:00Z',
      },
    });
    const [key, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    const guarded = guardStore(store, { timeBudgetMs: 1_000 });
    await guarded.set(governanceKeys.spend(`k:${hash}`, 'all'), '9000000000');
    await guarded.set(governanceKeys.spend(`k:${hash}`, 'm2026-12'), '4000000000');
    await guarded.set(governanceKeys.spend(`k:${hash}`, 'd2026-12-06'), '1000000000');
    const expected = {
      data: {
        label: `sk-sy-v1-…${key.slice(-4)}`,
        limit: 20,
        limit_remaining: 16,
        limit_reset: 'monthly',
        usage: 9,
        usage_daily: 1,
        usage_weekly: 0,
        usage_monthly: 4,
        is_free_tier: false,
        expires_at: '2027-01-01T00:00:00.000Z',
        rate_limit: { requests: 60, tokens: 5_000, interval: '1m' },
      },
    };
    expect((await call('GET', '/api/v1/key', { key })).body).toEqual(expected);
    expect((await call('GET', '/api/v1/auth/key', { key })).body).toEqual(expected);
    expect((await call('GET', '/api/v1/credits', { key })).body).toEqual({
      data: { total_credits: 20, total_usage: 4 },
    });
  });

  it('counts a rotated key against the scope it took over', async () => {
    const { call, store } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'app' } });
    const hash = at<string>(created.body, 'data.hash');
    await guardStore(store, { timeBudgetMs: 1_000 }).set(
      governanceKeys.spend(`k:${hash}`, 'all'),
      '3000000000',
    );
    const rotated = await call('POST', `/api/v1/keys/${hash}/rotate`, { body: {} });
    const key = at<string>(rotated.body, 'key');
    expect((await call('GET', '/api/v1/key', { key })).body).toMatchObject({
      data: { usage: 3, limit: null, limit_remaining: null },
    });
    expect((await call('GET', '/api/v1/credits', { key })).body).toEqual({
      data: { total_credits: null, total_usage: 3 },
    });
  });

  it('gives the admin key the gateway scope', async () => {
    const { call } = managementTestApp();
    expect((await call('GET', '/api/v1/key')).body).toMatchObject({
      data: {
        label: 'admin',
        limit: 100,
        limit_reset: 'monthly',
        limit_remaining: 100,
        rate_limit: { requests: 600 },
      },
    });
  });

  it('answers a revoked key 401', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/keys', { body: { name: 'app' } });
    const [key, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    await call('PATCH', `/api/v1/keys/${hash}`, { body: { disabled: true } });
    expect((await call('GET', '/api/v1/key', { key })).status).toBe(401);
  });
});
