import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type RedisServer,
  startRedisServer,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardStore } from './guarded-store.ts';
import { describeStoreContract } from './store-contract.ts';
import { refuseAfterWriteScript } from './store-contract-script-catalogue.ts';
import { StoreRefusedError } from './store-refused-error.ts';
import { createUpstashNodeRequester } from './upstash-node-requester.ts';
import { createUpstashStore } from './upstash-store.ts';

let server: RedisServer;
let bridge: UpstashBridge;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ redisUrl: server.url });
});

afterAll(async () => {
  await bridge?.close();
  await server?.stop();
});

const overBridge = (token = bridge.token) =>
  createUpstashStore({ requester: createUpstashNodeRequester({ url: bridge.url, token }) });

describeStoreContract('Upstash store through the Node requester', () => overBridge(), 'upstash');

describe('createUpstashNodeRequester over the Upstash bridge', () => {
  it('batches concurrent reads into one request and concurrent writes into another', async () => {
    const store = overBridge();
    await store.set('node:batch:a', 'A');
    const before = bridge.requests.get('/pipeline') ?? 0;
    const results = await Promise.all([
      store.get('node:batch:a'),
      store.increment('node:batch:n', 3),
      store.get('node:batch:missing'),
      store.set('node:batch:b', 'B'),
    ]);
    expect(results).toEqual(['A', 3, null, true]);
    expect((bridge.requests.get('/pipeline') ?? 0) - before).toBe(2);
  });

  it("tells Redis' refusal of a script from a failed request", async () => {
    const store = overBridge();
    await expect(
      store.runScript(refuseAfterWriteScript, ['node:refused'], ['w', 'LIMIT hit', 'reply']),
    ).rejects.toThrow(StoreRefusedError);
  });

  it('rejects with the HTTP status and Upstash error when the token is wrong', async () => {
    const store = overBridge('wrong');
    const failure = await store.get('k').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(StoreRefusedError.isInstance(failure)).toBe(false);
    expect(String(failure)).toMatch(/401: Unauthorized/);
  });
});

/** A REST endpoint that answers `["PONG"]`-style pipelines, with a say in each exchange. */
async function fakeUpstash(
  answer: (request: IncomingMessage, response: ServerResponse, index: number) => void,
): Promise<{ url: string; server: Server; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const fake = createServer((request, response) => {
    seen.push(request);
    request.resume();
    request.on('end', () => answer(request, response, seen.length - 1));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const { port } = fake.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server: fake, seen };
}

const pong = (response: ServerResponse, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify([{ result: 'PONG' }]));
};

describe('createUpstashNodeRequester', () => {
  it('sends again at once when a kept-alive connection was closed under the request', async () => {
    const {
      url,
      server: fake,
      seen,
    } = await fakeUpstash((request, response, index) => {
      // The second request arrives on the first one's socket: close it, as an idle timeout would.
      if (index === 1) request.socket.destroy();
      else pong(response);
    });
    const requester = createUpstashNodeRequester({ url, token: 't', retry: false });
    const store = createUpstashStore({ requester });
    await store.ping();
    await store.ping();
    expect(seen.length).toBe(3);
    requester.close();
    fake.close();
  });

  it('gives up after its retries when nothing answers', async () => {
    const { url, server: fake, seen } = await fakeUpstash((request) => request.socket.destroy());
    const requester = createUpstashNodeRequester({
      url,
      token: 't',
      retry: { retries: 2, backoff: () => 1 },
    });
    await expect(createUpstashStore({ requester }).ping()).rejects.toThrow();
    expect(seen.length).toBe(3);
    requester.close();
    fake.close();
  });

  it('answers unavailable within the guard budget when every connection drops', async () => {
    const { url, server: fake } = await fakeUpstash((request) => request.socket.destroy());
    const requester = createUpstashNodeRequester({ url, token: 't' });
    const store = guardStore(createUpstashStore({ requester }), { timeBudgetMs: 200 });
    const started = performance.now();
    expect(await store.get('k')).toMatchObject({ status: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(1_000);
    requester.close();
    fake.close();
  });

  it('carries the read-your-writes token of the last answer, and the bearer token', async () => {
    const {
      url,
      server: fake,
      seen,
    } = await fakeUpstash((_request, response, index) =>
      pong(response, { 'upstash-sync-token': `sync-${index}` }),
    );
    const requester = createUpstashNodeRequester({ url: `${url}/`, token: 's3cret' });
    const store = createUpstashStore({ requester });
    await store.ping();
    await store.ping();
    expect(seen.map((request) => request.headers['upstash-sync-token'])).toEqual(['', 'sync-0']);
    expect(seen[0]?.headers.authorization).toBe('Bearer s3cret');
    expect(seen[0]?.headers['upstash-encoding']).toBeUndefined();
    expect(seen[0]?.url).toBe('/pipeline');
    requester.close();
    fake.close();
  });

  it('rejects an answer that is not JSON without retrying it', async () => {
    const {
      url,
      server: fake,
      seen,
    } = await fakeUpstash((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const requester = createUpstashNodeRequester({ url, token: 't' });
    await expect(createUpstashStore({ requester }).ping()).rejects.toThrow(/502.*not JSON/);
    expect(seen.length).toBe(1);
    requester.close();
    fake.close();
  });

  it('gives up on a request left unanswered past its idle timeout, and never resends it', async () => {
    const { url, server: fake, seen } = await fakeUpstash(() => {});
    const requester = createUpstashNodeRequester({ url, token: 't', idleTimeoutMs: 50 });
    await expect(createUpstashStore({ requester }).ping()).rejects.toThrow(/within 50 ms/);
    expect(seen.length).toBe(1);
    requester.close();
    fake.closeAllConnections();
    fake.close();
  });

  it('refuses a URL that is not http or https', () => {
    expect(() => createUpstashNodeRequester({ url: 'redis://localhost:6379', token: 't' })).toThrow(
      /http or https/,
    );
  });
});
