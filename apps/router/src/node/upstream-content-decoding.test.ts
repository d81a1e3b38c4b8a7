import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch } from './upstream-fetch.ts';

const text = 'decoded as fetch decodes it';
/** Each path answers `text` in one `content-encoding`. */
const encoded: Record<string, [contentEncoding: string, body: Buffer]> = {
  '/gzip': ['gzip', gzipSync(text)],
  '/x-gzip': ['x-gzip', gzipSync(text)],
  '/deflate': ['deflate', deflateSync(text)],
  '/raw-deflate': ['deflate', deflateRawSync(text)],
  '/br': ['br', brotliCompressSync(text)],
  '/gzip-then-br': ['gzip, br', brotliCompressSync(gzipSync(text))],
  '/unknown': ['compress', Buffer.from(text)],
  '/broken': ['gzip', Buffer.from('not gzip at all')],
};

let server: Server;
let baseURL: string;
const upstreamFetch = createUpstreamFetch();

beforeAll(async () => {
  server = createServer((request, response) => {
    const [contentEncoding, body] = encoded[request.url ?? ''] ?? ['identity', Buffer.alloc(0)];
    response.writeHead(200, { 'content-encoding': contentEncoding }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await upstreamFetch.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('content decoding in the upstream client', () => {
  it.each(['/gzip', '/x-gzip', '/deflate', '/raw-deflate', '/br', '/gzip-then-br'])(
    'decodes %s',
    async (path) => {
      const response = await upstreamFetch(`${baseURL}${path}`);
      expect(await response.text()).toBe(text);
    },
  );

  it('leaves a coding it does not know as it came, like fetch', async () => {
    expect(await (await upstreamFetch(`${baseURL}/unknown`)).text()).toBe(text);
  });

  it('errors a body that does not decode with TypeError "terminated", like fetch', async () => {
    const response = await upstreamFetch(`${baseURL}/broken`);
    const error = await response.text().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'terminated', cause: { code: 'Z_DATA_ERROR' } });
  });
});
