import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUpstreamFetch } from './upstream-fetch.ts';

type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** What the test server saw: connections opened, requests whose socket closed early. */
const seen = { connections: 0, closedEarly: [] as string[] };
let releaseStream: () => void = () => undefined;
let streamReleased = Promise.resolve();

const routes: Record<string, Route> = {
  '/echo': (request, response, body) => {
    response.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
    response.setHeader('x-answer', '42');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ method: request.method, headers: request.headers, body }));
  },
  '/sse': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    streamReleased.then(() => response.end('data: second\n\n'));
  },
  '/no-content': (_request, response) => {
    response.writeHead(204).end();
  },
  '/gzip': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync(JSON.stringify({ decoded: true })));
  },
  '/redirect': (_request, response) => {
    response.writeHead(307, { location: '/echo' }).end();
  },
  '/see-other': (_request, response) => {
    response.writeHead(303, { location: '/echo' }).end('see /echo');
  },
  '/hang': () => undefined,
  '/drip': (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('first chunk');
    const timer = setInterval(() => response.write('.'), 20);
    request.socket.once('close', () => {
      clearInterval(timer);
      if (!response.writableFinished) seen.closedEarly.push('/drip');
    });
  },
  '/reset': (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('partial');
    setTimeout(() => request.socket.destroy(), 20);
  },
};

let server: Server;
let baseURL: string;
const upstreamFetch = createUpstreamFetch();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const route = routes[request.url ?? ''] ?? ((_, res) => res.writeHead(404).end());
      route(request, response, Buffer.concat(chunks).toString());
    });
  });
  server.on('connection', () => {
    seen.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await upstreamFetch.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A port nothing listens on: bound once, then let go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createUpstreamFetch', () => {
  it('sends a JSON POST with its headers and returns status, headers (set-cookie apart) and body', async () => {
    const response = await upstreamFetch(`${baseURL}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.headers.get('x-answer')).toBe('42');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const echoed = (await response.json()) as { method: string; headers: Record<string, string> };
    expect(echoed).toMatchObject({
      method: 'POST',
      body: '{"hello":"world"}',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sk-test',
        'content-length': '17',
        // The headers Node's fetch adds, so an upstream sees no change.
        accept: '*/*',
        'accept-encoding': 'gzip, deflate',
        'user-agent': 'node',
      },
    });
  });

  it('takes headers as a Headers object or as pairs, and a string body defaults to text/plain', async () => {
    const fromHeaders = await upstreamFetch(`${baseURL}/echo`, {
      method: 'POST',
      headers: new Headers({ 'X-One': 'one' }),
      body: 'plain',
    });
    expect(await fromHeaders.json()).toMatchObject({
      headers: { 'x-one': 'one', 'content-type': 'text/plain;charset=UTF-8' },
    });
    const fromPairs = await upstreamFetch(new URL(`${baseURL}/echo`), {
      method: 'PUT',
      headers: [['X-Two', ' two ']],
      body: new TextEncoder().encode('bytes'),
    });
    expect(await fromPairs.json()).toMatchObject({
      method: 'PUT',
      body: 'bytes',
      headers: { 'x-two': 'two' },
    });
  });

  it('streams: the first SSE event is readable before the server ends the response', async () => {
    streamReleased = new Promise((resolve) => {
      releaseStream = resolve;
    });
    const response = await upstreamFetch(`${baseURL}/sse`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toBe('data: second\n\n');
  });

  it('sends a ReadableStream request body', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed '));
        controller.enqueue(new TextEncoder().encode('body'));
        controller.close();
      },
    });
    const init = { method: 'POST', body, duplex: 'half' } as RequestInit;
    const response = await upstreamFetch(`${baseURL}/echo`, init);
    expect(await response.json()).toMatchObject({
      body: 'streamed body',
      headers: { 'transfer-encoding': 'chunked' },
    });
  });

  it('gives a 204 a null body', async () => {
    const response = await upstreamFetch(`${baseURL}/no-content`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('decodes a gzip-encoded answer', async () => {
    const response = await upstreamFetch(`${baseURL}/gzip`);
    expect(await response.json()).toEqual({ decoded: true });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('follows a 307 redirect with the same method and body', async () => {
    const response = await upstreamFetch(`${baseURL}/redirect`, { method: 'POST', body: 'again' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: 'POST', body: 'again' });
    expect(response.url).toBe(`${baseURL}/echo`);
  });

  it('follows a 303 redirect as a GET without the body or its content-type', async () => {
    const response = await upstreamFetch(`${baseURL}/see-other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: '{}',
    });
    const echoed = (await response.json()) as { headers: Record<string, string> };
    expect(echoed).toMatchObject({
      method: 'GET',
      body: '',
      headers: { authorization: 'Bearer sk-test' },
    });
    expect(echoed.headers['content-type']).toBeUndefined();
  });

  it('rejects an unreachable port like fetch: TypeError "fetch failed" caused by ECONNREFUSED', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const error = await rejectionOf(upstreamFetch(url));
    const expected = await rejectionOf(fetch(url));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    expect(error).toMatchObject({
      name: (expected as Error).name,
      message: (expected as Error).message,
      cause: { code: (expected as { cause: { code: string } }).cause.code },
    });
  });

  it('rejects with an AbortError when aborted before the headers, or with the given reason', async () => {
    const controller = new AbortController();
    const pending = upstreamFetch(`${baseURL}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });

    const reason = new Error('deadline');
    const withReason = new AbortController();
    const second = upstreamFetch(`${baseURL}/hang`, { signal: withReason.signal });
    setTimeout(() => withReason.abort(reason), 20);
    expect(await rejectionOf(second)).toBe(reason);
    expect(await rejectionOf(upstreamFetch(`${baseURL}/hang`, { signal: withReason.signal }))).toBe(
      reason,
    );
  });

  it('errors the body read with the reason when aborted mid-body', async () => {
    const controller = new AbortController();
    const response = await upstreamFetch(`${baseURL}/drip`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    const error = await rejectionOf(
      (async () => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      })(),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('drops a body that arrived but was not read when aborted, as fetch does', async () => {
    const reason = new Error('deadline');
    const read = async (how: 'text' | 'reader') => {
      const controller = new AbortController();
      const response = await upstreamFetch(`${baseURL}/echo`, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(reason);
      if (how === 'text') return rejectionOf(response.text());
      return rejectionOf((response.body as ReadableStream<Uint8Array>).getReader().read());
    };
    // fetch's body methods answer an aborted response with an AbortError of their own.
    expect(await read('text')).toMatchObject({
      name: 'AbortError',
      message: 'The operation was aborted.',
    });
    expect(await read('reader')).toBe(reason);
  });

  it('errors the body with TypeError "terminated" when the connection resets mid-body', async () => {
    const response = await upstreamFetch(`${baseURL}/reset`);
    const error = await rejectionOf(response.text());
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'terminated', cause: { code: 'UND_ERR_SOCKET' } });
  });

  it('stops the upstream request when the body is cancelled', async () => {
    seen.closedEarly = [];
    const response = await upstreamFetch(`${baseURL}/drip`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(seen.closedEarly).toEqual(['/drip']), { timeout: 1_000 });
  });

  it('hands a Request object and a FormData body to the global fetch, which answers them', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const request = new Request(`${baseURL}/echo`, { method: 'POST', body: 'from a Request' });
    expect(await (await upstreamFetch(request)).json()).toMatchObject({ body: 'from a Request' });
    const form = new FormData();
    form.set('field', 'value');
    const response = await upstreamFetch(`${baseURL}/echo`, { method: 'POST', body: form });
    expect(await response.json()).toMatchObject({ body: expect.stringContaining('value') });
    expect(globalFetch).toHaveBeenCalledTimes(2);
  });

  it('hands a header undici refuses, or a caller-set content-length, to the global fetch', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const refused = { headers: { 'transfer-encoding': 'chunked' } };
    const error = await rejectionOf(upstreamFetch(`${baseURL}/echo`, refused));
    expect(error).toEqual(await rejectionOf(fetch(`${baseURL}/echo`, refused)));
    expect(error).toMatchObject({ message: 'fetch failed' });
    const sized = { method: 'POST', body: 'abc', headers: { 'content-length': '3' } };
    const response = await upstreamFetch(`${baseURL}/echo`, sized);
    expect(await response.json()).toMatchObject({ body: 'abc' });
    expect(globalFetch).toHaveBeenCalledTimes(3);
  });

  it('gives a HEAD response a null body', async () => {
    const response = await upstreamFetch(`${baseURL}/echo`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('reuses one kept-alive connection for sequential requests', async () => {
    const isolated = createUpstreamFetch();
    const before = seen.connections;
    await (await isolated(`${baseURL}/echo`)).text();
    // undici hands a connection back to its pool a tick after the response ended (global fetch too).
    await new Promise((resolve) => setImmediate(resolve));
    await (await isolated(`${baseURL}/echo`, { method: 'POST', body: 'second' })).text();
    expect(seen.connections - before).toBe(1);
    await isolated.close();
  });

  it('leaves the global fetch and its dispatcher as they were when loaded', () => {
    // Importing `undici` itself would make Node's fetch use undici 8's Agent, process-wide.
    const path = fileURLToPath(new URL('./upstream-fetch.ts', import.meta.url));
    const script = `await import(${JSON.stringify(path)}); console.log(Object.getOwnPropertySymbols(globalThis).map(String).filter((name) => name.includes('undici')).join())`;
    const symbols = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(symbols.trim()).toBe('');
  });
});
