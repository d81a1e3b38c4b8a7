import { describe, expect, it } from 'vitest';
import { at, managementTestApp } from './management-test-app.ts';

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };

async function withKeys() {
  const test = managementTestApp();
  await test.call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
  await test.call('POST', '/api/v1/teams', { body: { id: 'sales', name: 'Sales' } });
  const create = async (body: object) =>
    at<string>((await test.call('POST', '/api/v1/keys', { body })).body, 'key');
  return {
    ...test,
    admin: await create({ name: 'ops', role: 'admin' }),
    viewer: await create({ name: 'auditor', role: 'viewer' }),
    teamAdmin: await create({ name: 'lead', role: 'admin', team_id: 'research' }),
    inference: await create({ name: 'app' }),
    salesKey: await create({ name: 'sales app', team_id: 'sales' }),
  };
}

const forbidden = { status: 403, body: { error: { type: 'permission_error' } } };

describe('management roles', () => {
  it('lets the admin key call inference and management alike', async () => {
    const { call } = await withKeys();
    expect((await call('POST', '/v1/chat/completions', { body: chat })).status).toBe(200);
    expect((await call('GET', '/api/v1/keys')).status).toBe(200);
  });

  it('keeps management keys off inference routes', async () => {
    const { call, admin, viewer } = await withKeys();
    for (const key of [admin, viewer]) {
      expect(await call('POST', '/v1/chat/completions', { key, body: chat })).toMatchObject(
        forbidden,
      );
      expect(await call('GET', '/v1/models', { key })).toMatchObject(forbidden);
    }
  });

  it('keeps inference keys off the management API, except about themselves', async () => {
    const { call, inference } = await withKeys();
    expect(
      (await call('POST', '/v1/chat/completions', { key: inference, body: chat })).status,
    ).toBe(200);
    expect(await call('GET', '/api/v1/keys', { key: inference })).toMatchObject(forbidden);
    expect(
      await call('POST', '/api/v1/keys', { key: inference, body: { name: 'x' } }),
    ).toMatchObject(forbidden);
    expect(await call('GET', '/api/v1/audit', { key: inference })).toMatchObject(forbidden);
    for (const path of ['/api/v1/key', '/api/v1/auth/key', '/api/v1/credits']) {
      expect((await call('GET', path, { key: inference })).status).toBe(200);
    }
  });

  it('lets viewers read but not write', async () => {
    const { call, viewer } = await withKeys();
    expect((await call('GET', '/api/v1/keys', { key: viewer })).status).toBe(200);
    expect((await call('GET', '/api/v1/teams', { key: viewer })).status).toBe(200);
    expect((await call('GET', '/api/v1/audit', { key: viewer })).status).toBe(200);
    expect(await call('POST', '/api/v1/keys', { key: viewer, body: { name: 'x' } })).toMatchObject(
      forbidden,
    );
    expect(await call('POST', '/api/v1/teams', { key: viewer, body: { name: 'x' } })).toMatchObject(
      forbidden,
    );
  });

  it('lets a stored admin key manage keys and teams, named in the audit log by its label', async () => {
    const { call, admin, advance } = await withKeys();
    advance(1);
    const created = await call('POST', '/api/v1/keys', {
      key: admin,
      body: { name: 'made by ops' },
    });
    expect(created.status).toBe(201);
    const audit = await call('GET', '/api/v1/audit?action=key.create&limit=1');
    expect(at<string>(audit.body, 'data.0.actor')).toBe(`sk-sy-v1-…${admin.slice(-4)}`);
  });

  it("limits a team admin to its team's keys and to reading its own team", async () => {
    const { call, teamAdmin } = await withKeys();
    const mine = await call('POST', '/api/v1/keys', { key: teamAdmin, body: { name: 'mine' } });
    expect(mine).toMatchObject({ status: 201, body: { data: { team_id: 'research' } } });
    expect(
      await call('POST', '/api/v1/keys', { key: teamAdmin, body: { name: 'x', team_id: 'sales' } }),
    ).toMatchObject(forbidden);
    const listed = at<{ team_id: string }[]>(
      (await call('GET', '/api/v1/keys', { key: teamAdmin })).body,
      'data',
    );
    expect(new Set(listed.map((key) => key.team_id))).toEqual(new Set(['research']));
    const teams = at<{ id: string }[]>(
      (await call('GET', '/api/v1/teams', { key: teamAdmin })).body,
      'data',
    );
    expect(teams.map((team) => team.id)).toEqual(['research']);
    expect((await call('GET', '/api/v1/teams/sales', { key: teamAdmin })).status).toBe(404);
    expect(
      await call('POST', '/api/v1/teams', { key: teamAdmin, body: { name: 'mine' } }),
    ).toMatchObject(forbidden);
    expect(
      await call('PATCH', '/api/v1/teams/research', { key: teamAdmin, body: { limit: 1e6 } }),
    ).toMatchObject(forbidden);
    const audit = at<{ team_id: string }[]>(
      (await call('GET', '/api/v1/audit', { key: teamAdmin })).body,
      'data',
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((entry) => entry.team_id))).toEqual(new Set(['research']));
  });
});
