import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { protocolServerKey, startProtocolServer } from './protocol-server.ts';

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

describe('in an edge runtime (workerd, without nodejs_compat)', () => {
  let server: Server;
  let worker: Worker;

  beforeAll(async () => {
    process.env.WRANGLER_SEND_METRICS ??= 'false';
    process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
    server = await startProtocolServer();
    const { port } = server.address() as AddressInfo;
    worker = await unstable_startWorker({
      name: 'switchyard-ai-sdk-provider-edge-test',
      entrypoint: fileURLToPath(new URL('./edge-worker.ts', import.meta.url)),
      // A date before workerd grew `process` and `Buffer` globals: the strictest edge runtime.
      compatibilityDate: '2024-09-23',
      bindings: {
        BASE_URL: { type: 'plain_text', value: `http://127.0.0.1:${port}/v1/ai` },
        API_KEY: { type: 'plain_text', value: protocolServerKey },
      },
      dev: {
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        persist: false,
        watch: false,
        logLevel: 'warn',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await worker?.dispose();
    server?.close();
  });

  it('generates, streams and types errors with no process or Buffer around', async () => {
    const response = await fetch(await worker.url);

    expect(await response.json()).toEqual({
      hasProcess: false,
      hasBuffer: false,
      text: 'Echo: hello from workerd',
      streamedText: 'Echo: streamed in workerd',
      wrongKeyIsTyped: true,
    });
  });
});
