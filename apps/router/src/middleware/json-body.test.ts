import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RouterEnv } from '../context.ts';
import { errorHandler } from './error-handler.ts';
import { exceedsJsonDepth, jsonBody } from './json-body.ts';

const maxBytes = 64;
const maxDepth = 4;

const app = new Hono<RouterEnv>()
  .post('/echo', jsonBody(maxBytes, maxDepth), (c) => c.json({ received: c.get('body') }))
  .post('/large', jsonBody(1_000_000), (c) => c.json({ received: true }))
  .onError(errorHandler);

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

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

  it('accepts a body nested exactly to the depth limit', async () => {
    expect((await post(nested(maxDepth))).status).toBe(200);
    expect((await post('{"a":{"b":{"c":[1]}}}')).status).toBe(200);
  });

  it('answers 400 json_too_deep for a body nested deeper than the limit', async () => {
    await expectError(await post(nested(maxDepth + 1)), 400, 'json_too_deep');
    await expectError(await post('{"a":{"b":{"c":[{}]}}}'), 400, 'json_too_deep');
  });

  it('answers 400, not 500, for 10,000 levels of nesting under the default limit', async () => {
    const body = `{"tools":[{"parameters":${nested(10_000)}}]}`;
    const response = await app.request('/large', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await expectError(response, 400, 'json_too_deep');
  });
});

describe('jsonBody when the client goes away', () => {
  it('answers 499 client_closed_request, not a server error, when the body stops mid-way', async () => {
    for (const declared of [true, false]) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"model":'));
          controller.error(new Error('aborted'));
        },
      });
      const headers = new Headers({ 'content-type': 'application/json' });
      if (declared) headers.set('content-length', '40');
      const init: RequestInit & { duplex: 'half' } = {
        method: 'POST',
        headers,
        body,
        duplex: 'half',
      };
      const response = await app.request(new Request('http://localhost/echo', init));
      await expectError(response, 499, 'client_closed_request');
    }
  });
});

describe('exceedsJsonDepth', () => {
  it('counts brackets inside strings and escapes as text, not nesting', () => {
    expect(exceedsJsonDepth(String.raw`["[[[[[[", "\\"]`, 1)).toBe(false);
    expect(exceedsJsonDepth(String.raw`{"a\"":"{{{{\"{{"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(String.raw`{"a":"\\"}[[`, 1)).toBe(true);
  });

  it('measures the deepest point, not the total number of brackets', () => {
    expect(exceedsJsonDepth('[[],[],[],[]]', 2)).toBe(false);
    expect(exceedsJsonDepth('[[],[[]]]', 2)).toBe(true);
  });
});
