/**
 * The mock upstream every target is measured against: OpenAI chat completions on loopback,
 * answers prepared once so the upstream costs next to nothing.
 *   POST /v1/chat/completions            ~600-byte JSON completion
 *   ... with "stream": true              20 `chat.completion.chunk` events, then `data: [DONE]`
 * Run as a program: `node bench/proxy/upstream.ts [--port N] [--delay-ms N]`; it prints
 * `listening on http://127.0.0.1:PORT`. `--delay-ms` holds every answer that long first.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const created = 1_700_000_000;
const model = 'gpt-4o-mini-2024-07-18';
const usage = { prompt_tokens: 14, completion_tokens: 38, total_tokens: 52 };
const words = 'The quick brown fox jumps over the lazy dog while the gateway forwards every token.';

export const completionBody = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench00000000000000000000000001',
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: 'fp_bench0001',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: `${words} ${words} ${words}`, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage,
  }),
);

const chunk = (delta: object, extra: object = {}) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench00000000000000000000000002',
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_bench0001',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
    ...extra,
  })}\n\n`;

/** 20 events: the role, 18 words, the finish with usage; then the `[DONE]` marker. */
export const streamEvents: Buffer[] = [
  chunk({ role: 'assistant', content: '' }),
  ...`${words} Nothing else to add.`
    .split(' ')
    .slice(0, 18)
    .map((word, index) => chunk({ content: index === 0 ? word : ` ${word}` })),
  chunk({}, { choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage }),
  'data: [DONE]\n\n',
].map((event) => Buffer.from(event));

/** The `chat.completion.chunk` events in one streamed answer: 20 (`[DONE]` is not one). */
export const chunksPerAnswer = streamEvents.length - 1;

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  let stream = false;
  try {
    stream = (JSON.parse(body) as { stream?: unknown }).stream === true;
  } catch {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end('{"error":{"message":"invalid JSON","type":"invalid_request_error"}}');
    return;
  }
  if (!stream) {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': completionBody.length,
    });
    response.end(completionBody);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of streamEvents) response.write(event);
  response.end();
}

/** Starts the upstream on loopback; resolves with its base URL (no trailing slash). */
export function startUpstream(options: { port?: number; delayMs?: number } = {}) {
  const delayMs = options.delayMs ?? 0;
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = Buffer.concat(parts).toString();
      if (delayMs > 0) setTimeout(() => answer(request, response, body), delayMs);
      else answer(request, response, body);
    });
  });
  // Longer than any client pool's idle timeout, so proxies never race a closing connection.
  server.keepAliveTimeout = 120_000;
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'delay-ms': { type: 'string', default: '0' },
    },
  });
  const upstream = await startUpstream({
    port: Number(values.port),
    delayMs: Number(values['delay-ms']),
  });
  console.log(`listening on ${upstream.url}`);
}
