import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../observability/request-record.ts';
import { field, observabilityTestApp } from './observability-test-app.ts';

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

async function setup() {
  const app = observabilityTestApp();
  await app.call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
  const created = await app.call('POST', '/api/v1/keys', {
    body: { name: 'r', team_id: 'research' },
  });
  const teamKey = field<string>(created.json, 'key');
  const keyHash = field<string>(created.json, 'data.hash');
  const viewer = field<string>(
    (
      await app.call('POST', '/api/v1/keys', {
        body: { name: 'v', role: 'viewer', team_id: 'research' },
      })
    ).json,
    'key',
  );
  const ids: string[] = [];
  // Six requests a minute apart: admin echo, team echo, admin down (503), ...
  for (let index = 0; index < 6; index += 1) {
    const key = index % 3 === 1 ? teamKey : undefined;
    const model = index % 3 === 2 ? 'mock/down' : 'mock/echo';
    const answer = await app.call('POST', '/v1/chat/completions', { key, body: chat(model) });
    ids.push(answer.headers.get('x-switchyard-request-id') as string);
    app.advance(60_000);
  }
  await app.settled();
  const list = async (query: string, key?: string) => {
    const answer = await app.call('GET', `/api/v1/requests${query}`, { key });
    expect(answer.status, answer.text).toBe(200);
    return {
      records: field<RequestRecord[]>(answer.json, 'data'),
      next: field<string | null>(answer.json, 'next_cursor'),
    };
  };
  return { ...app, ids, list, teamKey, keyHash, viewer };
}

describe('GET /api/v1/requests', () => {
  it('lists the records newest first, page by page with the cursor', async () => {
    const { list, ids } = await setup();
    const first = await list('?limit=4');
    expect(first.records.map((record) => record.id)).toEqual(ids.slice(2).reverse());
    expect(first.next).toBe(ids[2]);
    const second = await list(`?limit=4&cursor=${first.next}`);
    expect(second.records.map((record) => record.id)).toEqual([ids[1], ids[0]]);
    expect(second.next).toBeNull();
  });

  it('filters by status, model, key, team and time', async () => {
    const { list, ids, keyHash, now } = await setup();
    const ofIds = async (query: string) => (await list(query)).records.map((record) => record.id);
    expect(await ofIds('?status=error')).toEqual([ids[5], ids[2]]);
    // The router answers 502 when the upstream's 503 outlasts every try.
    expect(await ofIds('?status=502')).toEqual([ids[5], ids[2]]);
    expect(await ofIds('?model=mock/down')).toEqual([ids[5], ids[2]]);
    expect(await ofIds('?team=research')).toEqual([ids[4], ids[1]]);
    expect(await ofIds(`?key=${keyHash}`)).toEqual([ids[4], ids[1]]);
    expect(await ofIds('?key=admin&status=success')).toEqual([ids[3], ids[0]]);
    const start = now() - 6 * 60_000;
    expect(
      await ofIds(`?from=${start + 60_000}&to=${new Date(start + 3 * 60_000).toISOString()}`),
    ).toEqual([ids[2], ids[1]]);
  });

  it('shows a team-limited management key its team only, and refuses inference keys', async () => {
    const { list, ids, viewer, teamKey, call } = await setup();
    expect((await list('', viewer)).records.map((record) => record.id)).toEqual([ids[4], ids[1]]);
    expect((await list('?team=other', viewer)).records).toEqual([]);
    expect((await call('GET', '/api/v1/requests', { key: teamKey })).status).toBe(403);
  });

  it('refuses a cursor it did not make and a page over 200', async () => {
    const { call } = await setup();
    expect(field((await call('GET', '/api/v1/requests?cursor=abc')).json, 'error.param')).toBe(
      'cursor',
    );
    expect((await call('GET', '/api/v1/requests?limit=201')).status).toBe(400);
    expect((await call('GET', '/api/v1/requests?status=fine')).status).toBe(400);
  });
});
