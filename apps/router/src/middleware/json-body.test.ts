import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RouterEnv } from '../context.ts';
import { errorHandler } from './error-handler.ts';
import { jsonBody } from './json-body.ts';

const maxBytes = 64;

const app = new Hono<RouterEnv>()
  .post('/echo', jsonBody(maxBytes), (c) => c.json({ received: c.get('body') }))
  .onError(errorHandler);

const post = (
  body: BodyInit | null,
  contentType: string | null = 'application/json',
  extra: HeadersInit = {},
) => {
  const headers = new Headers(extra);
  if (contentType !== null) headers.set('content-type', contentType);
  return app.request('/echo', { method: 'POST', headers, body });
};

/** A body with no Content-Length that produces 16-byte chunks until cancelled. */
function endlessBody() {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled++;
      controller.enqueue(new TextEncoder().encode(' '.repeat(16)));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  };
  return { request: new Request('http://localhost/echo', init), state };
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; type: string } };
  expect(body.error).toMatchObject({ code, type: 'invalid_request_error' });
}

describe('jsonBody', () => {
  it('parses a JSON body into c.var.body', async () => {
    const response = await post('{"model":"chat"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: { model: 'chat' } });
  });

  it('accepts a charset parameter and structured +json media types', async () => {
    for (const type of [
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'Application/JSON',
    ]) {
      const response = await post('[1]', type);
      expect(response.status, type).toBe(200);
    }
  });

  it('answers 415 for a missing or non-JSON content type', async () => {
    await expectError(await post('{}', null), 415, 'unsupported_media_type');
    await expectError(await post('{}', 'text/plain'), 415, 'unsupported_media_type');
    await expectError(await post('{}', 'application/jsonp'), 415, 'unsupported_media_type');
  });

  it('answers 400 invalid_json for a malformed or empty body', async () => {
    await expectError(await post('{"model":'), 400, 'invalid_json');
    await expectError(await post(''), 400, 'invalid_json');
  });

  it('answers 413 when the declared Content-Length exceeds the limit', async () => {
    const response = await post('{}', 'application/json', {
      'content-length': String(maxBytes + 1),
    });
    await expectError(response, 413, 'request_too_large');
  });

  it('answers 413 for a body one over the limit', async () => {
    await expectError(
      await post(JSON.stringify({ t: 'x'.repeat(maxBytes - 7) })),
      413,
      'request_too_large',
    );
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ t: 'x'.repeat(maxBytes - 8) });
    expect(body).toHaveLength(maxBytes);
    expect((await post(body)).status).toBe(200);
  });

  it('stops reading a chunked body once it exceeds the limit and answers 413', async () => {
    const { request, state } = endlessBody();
    await expectError(await app.request(request), 413, 'request_too_large');
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(10);
  });

  it('counts bytes, not characters', async () => {
    const body = JSON.stringify({ t: 'é'.repeat(30) });
    expect(body.length).toBeLessThanOrEqual(maxBytes);
    await expectError(await post(body), 413, 'request_too_large');
  });
});
