import { describe, expect, it } from 'vitest';
import { field, observabilityTestApp } from './observability-test-app.ts';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  ...extra,
});

async function setup() {
  const app = observabilityTestApp();
  const createKey = async (body: Record<string, unknown>) => {
    const created = await app.call('POST', '/api/v1/keys', { body });
    expect(created.status, created.text).toBe(201);
    return field<string>(created.json, 'key');
  };
  const send = async (key: string | undefined, body: unknown) => {
    const answer = await app.call('POST', '/v1/chat/completions', { key, body });
    await app.settled();
    return answer.headers.get('x-switchyard-request-id') as string;
  };
  return { ...app, createKey, send };
}

describe('GET /api/v1/generation', () => {
  it("answers a request's record in OpenRouter's shape, also at /v1/generation", async () => {
    const { call, send } = await setup();
    const id = await send(undefined, chat('chat'));
    const answer = await call('GET', `/api/v1/generation?id=${id}`);
    expect(answer.status, answer.text).toBe(200);
    expect(field(answer.json, 'data')).toMatchObject({
      id,
      model: 'mock/echo',
      provider_name: 'mock',
      streamed: false,
      cancelled: false,
      finish_reason: 'stop',
      tokens_prompt: expect.any(Number),
      tokens_completion: expect.any(Number),
      native_tokens_reasoning: 0,
      native_tokens_cached: 0,
      total_cost: expect.any(Number),
      latency: expect.any(Number),
      generation_time: expect.any(Number),
      created_at: '2026-12-06T12:00:00.000Z',
      switchyard: {
        requested_model: 'chat',
        status: 'success',
        route: { attempts: [{ outcome: 'error' }, { outcome: 'error' }, { outcome: 'ok' }] },
      },
    });
    expect(field<number>(answer.json, 'data.total_cost')).toBeGreaterThan(0);
    const root = await call('GET', `/v1/generation?id=${id}`);
    expect(root.json).toEqual(answer.json);
  });

  it('records a stream cut with nothing to continue it as an error, not as a clean 200', async () => {
    const { call, send } = await setup();
    const id = await send(undefined, chat('mock/cut', { stream: true }));
    const data = field<Record<string, unknown>>(
      (await call('GET', `/api/v1/generation?id=${id}`)).json,
      'data',
    );
    expect(data).toMatchObject({
      streamed: true,
      finish_reason: 'error',
      switchyard: {
        status: 'error',
        http_status: 200,
        error_code: 'stream_interrupted',
        interrupted: true,
        continued: false,
        route: {
          attempts: [{ target: 'mock/cut', outcome: 'interrupted' }],
          segments: [{ outcome: 'error' }],
        },
      },
    });
  });

  it('shows an inference key its own requests only, and a team-limited viewer its team', async () => {
    const { call, send, createKey } = await setup();
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
    const own = await createKey({ name: 'own', team_id: 'research' });
    const other = await createKey({ name: 'other' });
    const viewer = await createKey({ name: 'viewer', role: 'viewer', team_id: 'research' });
    const mine = await send(own, chat('mock/echo'));
    const theirs = await send(other, chat('mock/echo'));
    const admins = await send(undefined, chat('mock/echo'));

    expect((await call('GET', `/api/v1/generation?id=${mine}`, { key: own })).status).toBe(200);
    for (const id of [theirs, admins]) {
      const refused = await call('GET', `/api/v1/generation?id=${id}`, { key: own });
      expect(refused.status).toBe(404);
      expect(field(refused.json, 'error.type')).toBe('not_found_error');
    }
    expect((await call('GET', `/api/v1/generation?id=${mine}`, { key: viewer })).status).toBe(200);
    expect((await call('GET', `/api/v1/generation?id=${theirs}`, { key: viewer })).status).toBe(
      404,
    );
  });

  it('answers 404 for an id never recorded and 400 without one', async () => {
    const { call } = await setup();
    expect(
      (await call('GET', '/api/v1/generation?id=req_0123456789ab0123456789abcdef0123')).status,
    ).toBe(404);
    expect((await call('GET', '/api/v1/generation?id=nonsense')).status).toBe(404);
    const missing = await call('GET', '/api/v1/generation');
    expect(missing.status).toBe(400);
    expect(field(missing.json, 'error.param')).toBe('id');
    expect((await call('POST', '/api/v1/generation?id=x')).status).toBe(405);
  });

  it("answers /v1/generation's errors in the @ai-sdk/gateway protocol's envelope", async () => {
    const { call } = await setup();
    const refused = await call('GET', '/v1/generation?id=x', { key: 'sk-wrong' });
    expect(refused.status).toBe(401);
    // The client turns `authentication_error` into advice about Vercel's key, not this message.
    expect(field(refused.json, 'error.type')).toBe('invalid_request_error');
    const unknown = await call('GET', '/v1/generation?id=req_0123456789ab0123456789abcdef0123');
    expect(unknown.status).toBe(404);
    expect(field(unknown.json, 'error.type')).toBe('not_found');
    const wrongMethod = await call('POST', '/v1/generation?id=x');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(field(wrongMethod.json, 'error.type')).toBe('invalid_request_error');
    const metrics = await call('GET', '/metrics', { key: 'sk-wrong' });
    expect(field(metrics.json, 'error.type')).toBe('authentication_error');
  });
});
