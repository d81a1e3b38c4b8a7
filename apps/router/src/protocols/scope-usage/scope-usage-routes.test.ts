import { describe, expect, it } from 'vitest';
import { field, observabilityTestApp } from '../observability/observability-test-app.ts';

interface UsageRow {
  hash?: string;
  id?: string;
  name: string;
  usage: { limit: number | null; limit_remaining: number | null; usage: number };
  key_count?: number;
}

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hello there' }] };

async function setup() {
  const app = observabilityTestApp();
  await app.call('POST', '/api/v1/teams', {
    body: { id: 'research', name: 'Research', limit: 10, limit_reset: 'monthly' },
  });
  const create = async (body: Record<string, unknown>) => {
    const created = await app.call('POST', '/api/v1/keys', { body });
    expect(created.status, created.text).toBe(201);
    return {
      key: field<string>(created.json, 'key'),
      hash: field<string>(created.json, 'data.hash'),
    };
  };
  const spender = await create({
    name: 'spender',
    team_id: 'research',
    limit: 1,
    limit_reset: 'daily',
  });
  const idle = await create({ name: 'idle' });
  const viewer = await create({ name: 'viewer', role: 'viewer', team_id: 'research' });
  const answer = await app.call('POST', '/v1/chat/completions', { key: spender.key, body: chat });
  expect(answer.status, answer.text).toBe(200);
  await app.settled();
  const rows = async (path: string, key?: string) => {
    const listed = await app.call('GET', path, { key });
    expect(listed.status, listed.text).toBe(200);
    return field<UsageRow[]>(listed.json, 'data');
  };
  return { ...app, spender, idle, viewer, rows };
}

describe('GET /api/v1/usage/keys and /api/v1/usage/teams', () => {
  it("lists every key with its spend against its budget, as the key's own /api/v1/key reports it", async () => {
    const { rows, spender, idle, call } = await setup();
    const keys = await rows('/api/v1/usage/keys');
    const spent = keys.find((row) => row.hash === spender.hash);
    const own = field<Record<string, number>>(
      (await call('GET', '/api/v1/key', { key: spender.key })).json,
      'data',
    );
    expect(spent?.usage.usage).toBeGreaterThan(0);
    expect(spent?.usage).toMatchObject({
      limit: 1,
      limit_remaining: own.limit_remaining,
      usage: own.usage,
      usage_daily: own.usage_daily,
    });
    expect(keys.find((row) => row.hash === idle.hash)?.usage).toMatchObject({
      limit: null,
      limit_remaining: null,
      usage: 0,
    });
  });

  it('lists every team with its spend, budget and number of keys', async () => {
    const { rows, spender } = await setup();
    const keys = await rows('/api/v1/usage/keys');
    const [team] = await rows('/api/v1/usage/teams');
    expect(team).toMatchObject({ id: 'research', name: 'Research', key_count: 2 });
    expect(team?.usage.limit).toBe(10);
    expect(team?.usage.usage).toBe(keys.find((row) => row.hash === spender.hash)?.usage.usage);
  });

  it("shows a team-limited viewer its team's keys only, and refuses inference keys", async () => {
    const { rows, viewer, idle, call } = await setup();
    const names = (await rows('/api/v1/usage/keys', viewer.key)).map((row) => row.name).sort();
    expect(names).toEqual(['spender', 'viewer']);
    for (const path of ['/api/v1/usage/keys', '/api/v1/usage/teams']) {
      expect((await call('GET', path, { key: idle.key })).status).toBe(403);
      expect((await call('POST', path)).status).toBe(405);
    }
    expect((await call('GET', '/api/v1/usage/keys?limit=0')).status).toBe(400);
  });
});
