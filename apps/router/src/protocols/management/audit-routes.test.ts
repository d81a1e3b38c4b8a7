import { describe, expect, it } from 'vitest';
import { at, managementTestApp } from './management-test-app.ts';

interface Entry {
  id: string;
  action: string;
  actor: string;
  resource: string;
  changes: Record<string, { old: unknown; new: unknown }>;
  request_id: string;
  ip: string | null;
}

describe('/api/v1/audit', () => {
  it('records every change with old and new values, the request id and the address', async () => {
    const { call, advance } = managementTestApp({
      clientAddress: (c) => c.req.header('x-forwarded-for')?.split(',')[0],
    });
    const created = await call('POST', '/api/v1/keys', {
      body: { name: 'ci', rpm: 10 },
      headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
    });
    const [key, hash] = [at<string>(created.body, 'key'), at<string>(created.body, 'data.hash')];
    advance(1);
    const patched = await call('PATCH', `/api/v1/keys/${hash}`, {
      body: { rpm: 20, tpm: 100 },
    });
    advance(1);
    await call('POST', `/api/v1/keys/${hash}/rotate`, { body: { grace_seconds: 0 } });
    const audit = await call('GET', '/api/v1/audit');
    const entries = at<Entry[]>(audit.body, 'data');
    expect(entries.map((entry) => entry.action)).toEqual([
      'key.rotate',
      'key.update',
      'key.create',
    ]);
    expect(entries[1]).toMatchObject({
      actor: 'admin',
      resource: `key:${hash}`,
      changes: { rpm: { old: 10, new: 20 }, tpm: { old: null, new: 100 } },
      request_id: patched.headers.get('x-switchyard-request-id'),
    });
    expect(entries[2]).toMatchObject({
      ip: '203.0.113.7',
      changes: { name: { old: null, new: 'ci' } },
    });
    expect(audit.text).not.toContain(key);
  });

  it('never takes the address from request headers the runtime does not vouch for', async () => {
    const { call } = managementTestApp();
    await call('POST', '/api/v1/keys', {
      body: { name: 'ci' },
      headers: { 'x-forwarded-for': '203.0.113.7', 'cf-connecting-ip': '198.51.100.1' },
    });
    const [entry] = at<Entry[]>((await call('GET', '/api/v1/audit')).body, 'data');
    expect(entry?.ip).toBeNull();
  });

  it('pages newest first with next_cursor and filters', async () => {
    const { call, advance } = managementTestApp();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await call('POST', '/api/v1/teams', { body: { id: name, name } });
      advance(1_000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = await call('GET', `/api/v1/audit${query}`);
      seen.push(...at<Entry[]>(page.body, 'data').map((entry) => entry.resource));
      cursor = at<string | null>(page.body, 'next_cursor');
    } while (cursor !== null);
    expect(seen).toEqual(['team:e', 'team:d', 'team:c', 'team:b', 'team:a']);
    const filtered = await call('GET', '/api/v1/audit?resource=team:c');
    expect(at<Entry[]>(filtered.body, 'data').map((entry) => entry.resource)).toEqual(['team:c']);
    const none = await call('GET', '/api/v1/audit?action=key.delete');
    expect(none.body).toEqual({ data: [], next_cursor: null });
  });

  it("shows a re-created team's admins none of the entries of the team deleted before under its id", async () => {
    const { call, advance } = managementTestApp();
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Old' } });
    const old = await call('POST', '/api/v1/keys', {
      body: { name: 'old project', team_id: 'research' },
    });
    await call('DELETE', `/api/v1/keys/${at<string>(old.body, 'data.hash')}`);
    await call('DELETE', '/api/v1/teams/research');
    advance(1_000);
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'New' } });
    const lead = await call('POST', '/api/v1/keys', {
      body: { name: 'lead', role: 'admin', team_id: 'research' },
    });
    const audit = await call('GET', '/api/v1/audit', { key: at<string>(lead.body, 'key') });
    expect(audit.status).toBe(200);
    expect(
      at<Entry[]>(audit.body, 'data')
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(['key.create', 'team.create']);
    expect(audit.text).not.toContain('old project');
  });
});
