import { describe, expect, it } from 'vitest';
import type { StatsGroup, StatsResult } from '../../observability/stats-query.ts';
import { field, observabilityTestApp } from './observability-test-app.ts';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  ...extra,
});

async function setup() {
  const app = observabilityTestApp();
  await app.call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
  const created = await app.call('POST', '/api/v1/keys', {
    body: { name: 'r', team_id: 'research' },
  });
  const teamKey = field<string>(created.json, 'key');
  const label = field<string>(created.json, 'data.label');
  const viewer = field<string>(
    (
      await app.call('POST', '/api/v1/keys', {
        body: { name: 'v', role: 'viewer', team_id: 'research' },
      })
    ).json,
    'key',
  );
  const start = app.now();
  // Hour 0: admin asks mock/echo twice (once failing over from mock/down); hour 1: the team
  // key asks mock/other, and mock/down fails for the admin.
  await app.call('POST', '/v1/chat/completions', { body: chat('mock/echo') });
  await app.call('POST', '/v1/chat/completions', { body: chat('chat', { stream: true }) });
  app.advance(3_600_000);
  await app.call('POST', '/v1/chat/completions', { key: teamKey, body: chat('mock/other') });
  await app.call('POST', '/v1/chat/completions', { body: chat('mock/down') });
  app.advance(60_000);
  await app.settled();
  const stats = async (query: string, key?: string) => {
    const answer = await app.call('GET', `/api/v1/stats${query}`, { key });
    expect(answer.status, answer.text).toBe(200);
    return field<StatsResult>(answer.json, 'data');
  };
  return { ...app, start, stats, viewer, label };
}

const byKey = (groups: StatsGroup[]) =>
  Object.fromEntries(groups.map((group) => [group.key, group]));

describe('GET /api/v1/stats', () => {
  it('sums the range per step, with error and cache rates and latency percentiles', async () => {
    const { stats, start } = await setup();
    const data = await stats(`?from=${start}&to=${start + 2 * 3_600_000}&step=1h`);
    expect(data).toMatchObject({ granularity: 'hour', step_ms: 3_600_000, group_by: null });
    expect(data.times).toEqual([
      new Date(start).toISOString(),
      new Date(start + 3_600_000).toISOString(),
    ]);
    expect(data.totals).toMatchObject({
      requests: 4,
      errors: 1,
      error_rate: 0.25,
      failovers: 1,
      streams: 1,
    });
    expect(data.totals.cost).toBeGreaterThan(0);
    expect(data.totals.latency_ms.p50).toEqual(expect.any(Number));
    expect(data.totals.first_token_ms.p95).toEqual(expect.any(Number));
    expect(data.totals.series.requests).toEqual([2, 2]);
    expect(data.totals.series.errors).toEqual([0, 1]);
  });

  it('groups by model, provider, key and team, naming the keys', async () => {
    const { stats, start, label } = await setup();
    const range = `?from=${start}&to=${start + 2 * 3_600_000}&step=1d`;
    const models = byKey((await stats(`${range}&group_by=model`)).groups);
    expect(Object.keys(models).sort()).toEqual(['mock/down', 'mock/echo', 'mock/other']);
    expect(models['mock/echo']).toMatchObject({ requests: 2, failovers: 1 });
    expect(models['mock/down']).toMatchObject({ requests: 1, errors: 1 });
    expect(byKey((await stats(`${range}&group_by=provider`)).groups).mock).toMatchObject({
      requests: 4,
    });
    const keys = (await stats(`${range}&group_by=key`)).groups;
    expect(keys.find((group) => group.team === 'research')).toMatchObject({ label, requests: 1 });
    expect(byKey(keys).admin).toMatchObject({ label: 'admin', requests: 3 });
    const teams = byKey((await stats(`${range}&group_by=team`)).groups);
    expect(teams.research).toMatchObject({ requests: 1 });
    const researchModels = (await stats(`${range}&group_by=model&team=research`)).groups;
    expect(researchModels.map((group) => group.key)).toEqual(['mock/other']);
  });

  it("shows a team-limited management key its team's stats only", async () => {
    const { stats, start, viewer, call } = await setup();
    const range = `?from=${start}&to=${start + 2 * 3_600_000}&step=1d`;
    expect((await stats(range, viewer)).totals.requests).toBe(1);
    expect((await call('GET', `/api/v1/stats${range}&team=other`, { key: viewer })).status).toBe(
      403,
    );
  });

  it('answers per-key hourly figures from minute rollups within two days, daily beyond', async () => {
    const { stats, start, call } = await setup();
    const recent = await stats(`?from=${start}&to=${start + 2 * 3_600_000}&step=1h&group_by=key`);
    expect(recent).toMatchObject({ granularity: 'minute', step_ms: 3_600_000 });
    expect(recent.groups.find((group) => group.key === 'admin')?.series.requests).toEqual([2, 1]);
    const old = start - 5 * 86_400_000;
    const refused = await call('GET', `/api/v1/stats?from=${old}&to=${start}&step=1h&group_by=key`);
    expect(refused.status).toBe(400);
    expect(field<string>(refused.json, 'error.message')).toContain('daily steps');
  });

  it('refuses a step the rollups cannot answer', async () => {
    const { call, start } = await setup();
    const old = start - 5 * 86_400_000;
    const minutes = await call('GET', `/api/v1/stats?from=${old}&to=${start}&step=5m`);
    expect(minutes.status).toBe(400);
    expect(field(minutes.json, 'error.param')).toBe('from');
    const many = await call(
      'GET',
      `/api/v1/stats?from=${start - 2 * 86_400_000}&to=${start}&step=1m`,
    );
    expect(field(many.json, 'error.param')).toBe('step');
    expect((await call('GET', '/api/v1/stats?step=1w')).status).toBe(400);
    expect((await call('GET', '/api/v1/stats?group_by=colour')).status).toBe(400);
  });
});
