/**
 * The upstream of the governance bench: OpenAI chat completions on loopback whose usage the bench
 * dictates, so every request's cost is known exactly.
 *   POST /v1/chat/completions            JSON with `usage`, or with "stream": true `chunks`
 *                                        content chunks, a final chunk with `usage`, `[DONE]`
 *   PUT  /__bench/behaviour              sets the behaviour of the requests that arrive next
 *   GET  /__bench/stats                  { received, inFlight, closedEarly } since the last reset
 *   POST /__bench/reset                  zeroes the stats
 * Run as a program: `node bench/governance/upstream.ts`; prints `listening on http://127.0.0.1:PORT`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamBehaviour {
  /** What `usage` reports. */
  promptTokens: number;
  completionTokens: number;
  /** Held before the answer (or the stream's first chunk). */
  latencyMs: number;
  /** Content chunks of a stream, each `chunkText`, `chunkDelayMs` apart. */
  chunks: number;
  chunkDelayMs: number;
  chunkText: string;
}

export const defaultBehaviour: UpstreamBehaviour = {
  promptTokens: 10,
  completionTokens: 10,
  latencyMs: 0,
  chunks: 4,
  chunkDelayMs: 0,
  chunkText: 'token token token token token token ',
};

const created = 1_700_000_000;
const model = 'bench-model';

function completion(behaviour: UpstreamBehaviour): string {
  return JSON.stringify({
    id: 'chatcmpl-governance-bench',
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: behaviour.chunkText.repeat(behaviour.chunks) },
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(behaviour),
  });
}

const usageOf = (behaviour: UpstreamBehaviour) => ({
  prompt_tokens: behaviour.promptTokens,
  completion_tokens: behaviour.completionTokens,
  total_tokens: behaviour.promptTokens + behaviour.completionTokens,
});

const event = (choices: object[], extra: object = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-governance-bench', object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startUpstream() {
  let behaviour = { ...defaultBehaviour };
  const stats = { received: 0, inFlight: 0, closedEarly: 0 };

  async function answer(response: ServerResponse, body: string) {
    const current = behaviour;
    stats.received += 1;
    stats.inFlight += 1;
    let closed = false;
    response.once('close', () => {
      stats.inFlight -= 1;
      if (!response.writableFinished) {
        closed = true;
        stats.closedEarly += 1;
      }
    });
    const stream = (JSON.parse(body) as { stream?: unknown }).stream === true;
    if (current.latencyMs > 0) await sleep(current.latencyMs);
    if (closed) return;
    if (!stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(completion(current));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(event([{ index: 0, delta: { role: 'assistant', content: '' } }]));
    for (let index = 0; index < current.chunks && !closed; index += 1) {
      if (current.chunkDelayMs > 0) await sleep(current.chunkDelayMs);
      if (!closed) response.write(event([{ index: 0, delta: { content: current.chunkText } }]));
    }
    if (closed) return;
    response.write(event([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    response.write(event([], { usage: usageOf(current) }));
    response.end('data: [DONE]\n\n');
  }

  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (part: Buffer) => {
      body += part.toString();
    });
    request.on('end', () => {
      const url = request.url ?? '';
      if (request.method === 'PUT' && url === '/__bench/behaviour') {
        behaviour = { ...defaultBehaviour, ...(JSON.parse(body) as Partial<UpstreamBehaviour>) };
        response.end('{}');
      } else if (request.method === 'GET' && url === '/__bench/stats') {
        response.end(JSON.stringify(stats));
      } else if (request.method === 'POST' && url === '/__bench/reset') {
        stats.received = 0;
        stats.closedEarly = 0;
        response.end('{}');
      } else if (request.method === 'POST' && url.endsWith('/chat/completions')) {
        answer(response, body).catch(() => response.destroy());
      } else {
        response.writeHead(404).end();
      }
    });
  });
  server.keepAliveTimeout = 120_000;
  return new Promise<{ url: string }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}` });
    });
  });
}

if (import.meta.main) {
  const { url } = await startUpstream();
  console.log(`listening on ${url}`);
}
