import { describe, expect, it } from 'vitest';
import { guardStore } from '../../store/guarded-store.ts';
import { at, managementTestApp } from './management-test-app.ts';

describe('/api/v1/teams', () => {
  it('creates, reads, lists, changes and deletes a team', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/teams', {
      body: {
        id: 'research',
        name: 'Research',
        limit: 250,
        limit_reset: 'monthly',
        models: ['mock/*'],
      },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        data: { id: 'research', name: 'Research', limit: 250, models: ['mock/*'], disabled: false },
      },
    });
    expect((await call('GET', '/api/v1/teams/research')).body).toMatchObject({
      data: { id: 'research' },
    });
    const patched = await call('PATCH', '/api/v1/teams/research', {
      body: { limit: null, rpm: 30 },
    });
    expect(patched.body).toMatchObject({ data: { limit: null, rpm: 30 } });
    const listed = await call('GET', '/api/v1/teams');
    expect(at<{ id: string }[]>(listed.body, 'data').map((team) => team.id)).toEqual(['research']);
    expect(await call('DELETE', '/api/v1/teams/research')).toMatchObject({
      status: 200,
      body: { data: { id: 'research', deleted: true } },
    });
    expect((await call('GET', '/api/v1/teams/research')).status).toBe(404);
  });

  it('refuses to create a team that has expired already; a PATCH may still expire one now', async () => {
    const { call, now } = managementTestApp();
    const past = new Date(now() - 1_000).toISOString();
    expect(
      await call('POST', '/api/v1/teams', { body: { id: 'late', name: 'L', expires_at: past } }),
    ).toMatchObject({ status: 400, body: { error: { param: 'expires_at' } } });
    await call('POST', '/api/v1/teams', { body: { id: 'late', name: 'L' } });
    expect(await call('PATCH', '/api/v1/teams/late', { body: { expires_at: past } })).toMatchObject(
      { status: 200, body: { data: { expires_at: past } } },
    );
  });

  it('generates an id when none is given', async () => {
    const { call } = managementTestApp();
    const created = await call('POST', '/api/v1/teams', { body: { name: 'Unnamed' } });
    expect(at<string>(created.body, 'data.id')).toMatch(/^team-[0-9a-f]{12}$/);
  });

  it("keeps a key's models within its team's", async () => {
    const { call } = managementTestApp();
    await call('POST', '/api/v1/teams', {
      body: { id: 'research', name: 'R', models: ['mock/*'] },
    });
    expect(
      await call('POST', '/api/v1/keys', {
        body: { name: 'k', team_id: 'research', models: ['openai/*'] },
      }),
    ).toMatchObject({ status: 400, body: { error: { param: 'models' } } });
    expect(
      (
        await call('POST', '/api/v1/keys', {
          body: { name: 'k', team_id: 'research', models: ['mock/echo'] },
        })
      ).status,
    ).toBe(201);
    expect(
      await call('POST', '/api/v1/keys', { body: { name: 'k', team_id: 'nowhere' } }),
    ).toMatchObject({ status: 400, body: { error: { param: 'team_id' } } });
  });

  it('disabling a team refuses its keys on the next fresh read', async () => {
    const { call } = managementTestApp();
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'R' } });
    const key = at<string>(
      (await call('POST', '/api/v1/keys', { body: { name: 'k', team_id: 'research' } })).body,
      'key',
    );
    expect((await call('GET', '/v1/models', { key })).status).toBe(200);
    await call('PATCH', '/api/v1/teams/research', { body: { disabled: true } });
    expect(await call('GET', '/v1/models', { key })).toMatchObject({
      status: 401,
      body: { error: { message: "This API key's team has been disabled." } },
    });
  });

  it('reports spend per period and the key count', async () => {
    const { call, store, now } = managementTestApp();
    await call('POST', '/api/v1/teams', {
      body: { id: 'research', name: 'R', limit: 10, limit_reset: 'daily' },
    });
    await call('POST', '/api/v1/keys', { body: { name: 'k', team_id: 'research' } });
    const guarded = guardStore(store, { timeBudgetMs: 1_000 });
    await guarded.set('sy:spend:t:research:all', String(7_500_000_000));
    await guarded.set('sy:spend:t:research:d2026-12-06', String(2_500_000_000));
    expect(new Date(now()).toISOString().slice(0, 10)).toBe('2026-12-06');
    expect((await call('GET', '/api/v1/teams/research/usage')).body).toEqual({
      data: {
        id: 'research',
        limit: 10,
        limit_remaining: 7.5,
        limit_reset: 'daily',
        usage: 7.5,
        usage_daily: 2.5,
        usage_weekly: 0,
        usage_monthly: 0,
        key_count: 1,
      },
    });
  });
});
