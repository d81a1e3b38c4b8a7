import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoConfig, parseConfig } from '../../src/config/index.ts';
import { startNodeServer } from '../../src/node.ts';
import { abandonMidBody, postHead, rawExchange } from './hostile-input-socket.ts';

/** The Node entry in this process, so what it logs can be watched. */
const running = {} as { url: string; close: () => Promise<void> };
const config = parseConfig({ ...demoConfig, server: { requestLog: false } });

beforeAll(async () => {
  Object.assign(
    running,
    await startNodeServer({ config, port: 0, env: { SWITCHYARD_ADMIN_KEY: 'sk-test-admin' } }),
  );
});
afterAll(() => running.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const chatBody = (extra: object = {}) =>
  JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }], ...extra });
const post = (body: string, extra: string[] = []) =>
  postHead('/v1/chat/completions', Buffer.byteLength(body), extra) + body;

function expectEnvelope(body: string, code: string) {
  expect(JSON.parse(body)).toEqual({
    error: { message: expect.any(String), type: 'invalid_request_error', param: null, code },
  });
}

describe('Node entry: what the HTTP parser rejects', () => {
  const malformed = {
    'a control character in a header value':
      'GET /health HTTP/1.1\r\nhost: x\r\nx-bad: a\u0001b\r\n\r\n',
    'a space in a header name': 'GET /health HTTP/1.1\r\nhost: x\r\nbad header: 1\r\n\r\n',
    'a request line that is not HTTP': 'HELLO THERE\r\n\r\n',
    'a chunk size that is not hexadecimal':
      'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
  };
  for (const [name, request] of Object.entries(malformed)) {
    it(`answers 400 in the error envelope for ${name}, then closes`, async () => {
      const response = await rawExchange(running.url, request);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers.connection).toBe('close');
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
      expectEnvelope(response.body, 'malformed_request');
      expect(response.closed).toBe(true);
    });
  }

  it('answers 431 in the error envelope for headers over 16 KB', async () => {
    const request = `GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`;
    const response = await rawExchange(running.url, request);
    expect(response.status).toBe(431);
    expect(response.headers.connection).toBe('close');
    expectEnvelope(response.body, 'headers_too_large');
  });
});

describe('Node entry: clients that close early', () => {
  it('answers a client that half-closes its socket after a complete request', async () => {
    const response = await rawExchange(running.url, post(chatBody()), { halfClose: true });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ object: 'chat.completion' });
    expect(response.closed).toBe(true);
  });

  it('streams the whole answer to a client that half-closes after a complete request', async () => {
    const request = post(chatBody({ stream: true }));
    const response = await rawExchange(running.url, request, { halfClose: true });
    expect(response.status).toBe(200);
    expect(response.body).toContain('data: [DONE]');
    expect(response.closed).toBe(true);
  });

  it('closes a streamed answer once it ends when the client sent Connection: close', async () => {
    const request = post(chatBody({ stream: true }), ['connection: close']);
    // Well under Node's 5 s keep-alive timeout: only a close that follows the stream counts.
    const response = await rawExchange(running.url, request, { waitMs: 2_000 });
    expect(response.status).toBe(200);
    expect(response.body).toContain('data: [DONE]');
    expect(response.headers.connection).toBe('close');
    expect(response.closed).toBe(true);
  });

  it('answers 400 in the envelope to a client that half-closes before its body is complete', async () => {
    const errors = vi.spyOn(console, 'error');
    const request = postHead('/v1/chat/completions', 500) + chatBody().slice(0, 20);
    const response = await rawExchange(running.url, request, { halfClose: true });
    expect(response.status).toBe(400);
    expectEnvelope(response.body, 'malformed_request');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).not.toHaveBeenCalled();
  });

  it('logs no server error when a client disconnects while its body is still arriving', async () => {
    const errors = vi.spyOn(console, 'error');
    for (const path of ['/v1/chat/completions', '/v1/ai/language-model', '/v1/embeddings']) {
      await abandonMidBody(running.url, postHead(path, 10_000), '{"model":"mock/echo","mess');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).not.toHaveBeenCalled();
    const after = await rawExchange(running.url, post(chatBody()), { halfClose: true });
    expect(after.status).toBe(200);
  });
});
