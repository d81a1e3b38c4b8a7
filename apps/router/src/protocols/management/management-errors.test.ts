import { describe, expect, it } from 'vitest';
import { createControlledStore } from '../../store/controlled-store.ts';
import { at, managementTestApp } from './management-test-app.ts';

const envelope = (status: number, type: string, code: string) => ({
  status,
  body: { error: { type, code, message: expect.any(String) } },
});

describe('management API errors', () => {
  it.each([
    ['a missing name', {}, 'name', /name: is required\./],
    [
      'a limit given as text',
      { name: 'a', limit: 'ten' },
      'limit',
      /limit: expected a number, got a string\./,
    ],
    [
      'a body that is an array',
      [],
      null,
      /The request body: expected a JSON object, got an array\./,
    ],
    ['a name with a lone surrogate', { name: 'a\ud800' }, 'name', /name: .*Unicode/],
    ['a negative limit', { name: 'a', limit: -1 }, 'limit', /limit: /],
    ['an unknown field', { name: 'a', colour: 'red' }, null, /unknown field 'colour'/],
    ['a bad role', { name: 'a', role: 'root' }, 'role', /role: /],
    ['a fractional rpm', { name: 'a', rpm: 1.5 }, 'rpm', /rpm: /],
    ['a model with a space', { name: 'a', models: ['ok', 'a b'] }, 'models.1', /models\.1: /],
    ['a bad expiry', { name: 'a', expires_at: 'tomorrow' }, 'expires_at', /expires_at: /],
    ['an expiry in the past', { name: 'a', expires_at: 1_600_000_000 }, 'expires_at', /past/],
    ['a bad team id', { name: 'a', team_id: 'Has Caps' }, 'team_id', /team_id: /],
    [
      'huge metadata',
      { name: 'a', metadata: { blob: 'x'.repeat(5_000) } },
      'metadata',
      /4096 bytes/,
    ],
    [
      'a metadata field named __proto__',
      { name: 'a', metadata: JSON.parse('{"__proto__": {"role": "admin"}}') },
      'metadata',
      /__proto__/,
    ],
    [
      'metadata over 4096 bytes in fewer characters',
      { name: 'a', metadata: { blob: '€'.repeat(2_000) } },
      'metadata',
      /4096 bytes/,
    ],
    [
      'an unsafe guardrail expression',
      { name: 'a', guardrails: { rules: { tickets: { pattern: '(a+)+$', action: 'block' } } } },
      'guardrails.rules.tickets.pattern',
      /rule 'tickets'/,
    ],
    [
      'a guardrail rule with nothing to look for',
      { name: 'a', guardrails: { rules: { empty: { action: 'block' } } } },
      'guardrails.rules.empty.detectors',
      /detectors, terms or a pattern/,
    ],
  ])('answers 400 naming the field for %s', async (_, body, param, message) => {
    const { call } = managementTestApp();
    const response = await call('POST', '/api/v1/keys', { body });
    expect(response).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', param } },
    });
    expect(JSON.stringify(response.body)).toMatch(message);
  });

  it('never echoes the rejected value', async () => {
    const { call } = managementTestApp();
    const response = await call('POST', '/api/v1/keys', {
      body: { name: 'a', rpm: 'sk-secret-value' },
    });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('sk-secret-value');
  });

  it('validates queries too', async () => {
    const { call } = managementTestApp();
    expect(await call('GET', '/api/v1/keys?limit=501')).toMatchObject({
      status: 400,
      body: { error: { param: 'limit' } },
    });
    expect(await call('GET', '/api/v1/keys?page=2')).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/unknown field 'page'/) } },
    });
    expect(await call('GET', '/api/v1/audit?cursor=nonsense')).toMatchObject({
      status: 400,
      body: { error: { param: 'cursor' } },
    });
  });

  it('answers 404 in the envelope for unknown routes and unknown resources', async () => {
    const { call } = managementTestApp();
    expect(await call('GET', '/api/v1/nothing-here')).toMatchObject(
      envelope(404, 'not_found_error', 'not_found'),
    );
    expect(await call('GET', `/api/v1/keys/${'0'.repeat(64)}`)).toMatchObject(
      envelope(404, 'not_found_error', 'not_found'),
    );
    expect(await call('PATCH', '/api/v1/teams/ghost', { body: { rpm: 1 } })).toMatchObject(
      envelope(404, 'not_found_error', 'not_found'),
    );
  });

  it('answers 405 with allow for a wrong method', async () => {
    const { call } = managementTestApp();
    for (const [method, path, allow] of [
      ['PUT', '/api/v1/keys', 'GET, POST'],
      ['POST', `/api/v1/keys/${'0'.repeat(64)}`, 'GET, PATCH, DELETE'],
      ['GET', '/api/v1/keys/abc/rotate', 'POST'],
      ['DELETE', '/api/v1/key', 'GET'],
      ['POST', '/api/v1/credits', 'GET'],
      ['POST', '/api/v1/audit', 'GET'],
    ] as const) {
      const response = await call(method, path);
      expect(response, `${method} ${path}`).toMatchObject(
        envelope(405, 'invalid_request_error', 'method_not_allowed'),
      );
      expect(response.headers.get('allow')).toBe(allow);
    }
  });

  it('answers 401 before looking at the body, and 415 for a body that is not JSON', async () => {
    const { call } = managementTestApp();
    expect(await call('POST', '/api/v1/keys', { key: 'sk-wrong', body: {} })).toMatchObject(
      envelope(401, 'authentication_error', 'invalid_api_key'),
    );
    const response = await call('POST', '/api/v1/keys', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });

  it('answers 409 for a team id taken and for deleting a team that has keys', async () => {
    const { call } = managementTestApp();
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
    expect(
      await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Again' } }),
    ).toMatchObject(envelope(409, 'invalid_request_error', 'conflict'));
    await call('POST', '/api/v1/keys', { body: { name: 'k', team_id: 'research' } });
    expect(await call('DELETE', '/api/v1/teams/research')).toMatchObject(
      envelope(409, 'invalid_request_error', 'conflict'),
    );
  });

  it('answers 503 store_unavailable, never hanging, when the store cannot answer', async () => {
    const controlled = createControlledStore();
    const { call } = managementTestApp({ store: controlled.store });
    const created = await call('POST', '/api/v1/keys', { body: { name: 'ci' } });
    const key = at<string>(created.body, 'key');
    controlled.setMode('reject');
    const unavailable = envelope(503, 'api_error', 'store_unavailable');
    expect(await call('POST', '/api/v1/keys', { body: { name: 'again' } })).toMatchObject(
      unavailable,
    );
    expect(await call('GET', '/api/v1/audit')).toMatchObject(unavailable);
    expect(await call('GET', '/v1/models', { key })).toMatchObject(unavailable);
    expect((await call('GET', '/v1/models')).status).toBe(200);
  });
});
