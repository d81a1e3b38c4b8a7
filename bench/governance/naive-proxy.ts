/**
 * The baseline the budget scenario compares against: a proxy that enforces a budget the naive
 * way, check-then-add. It reads the spend, refuses when it has reached the limit, calls the
 * upstream, and adds the cost afterwards; nothing is reserved, so concurrent requests all see the
 * same old spend. State in the same Redis: `naive:limit:<key>` and `naive:spend:<key>`, in
 * nanodollars; the key is the request's bearer token. Non-streaming chat completions only.
 *
 * Run as a program (the bench starts three): `node bench/governance/naive-proxy.ts` with
 * NAIVE_REDIS_URL, NAIVE_UPSTREAM_URL, NAIVE_INPUT_NANOS and NAIVE_OUTPUT_NANOS (per token).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectRedis } from './redis-client.ts';

const { NAIVE_REDIS_URL, NAIVE_UPSTREAM_URL } = process.env;
if (!NAIVE_REDIS_URL || !NAIVE_UPSTREAM_URL)
  throw new Error('NAIVE_REDIS_URL and NAIVE_UPSTREAM_URL');
const inputNanos = Number(process.env.NAIVE_INPUT_NANOS);
const outputNanos = Number(process.env.NAIVE_OUTPUT_NANOS);
const redis = await connectRedis(NAIVE_REDIS_URL);

const refuse = (response: ServerResponse, status: number, message: string) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
};

async function handle(authorization: string, body: string, response: ServerResponse) {
  const key = authorization.replace(/^Bearer /, '');
  const [limit, spend] = (await redis.command(
    'MGET',
    `naive:limit:${key}`,
    `naive:spend:${key}`,
  )) as (string | null)[];
  if (limit == null) return refuse(response, 401, 'Invalid API key.');
  // The check: what was spent so far, not what requests in flight are about to spend.
  if (Number(spend ?? 0) >= Number(limit)) return refuse(response, 402, 'Budget exhausted.');
  const upstream = await fetch(`${NAIVE_UPSTREAM_URL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const answer = (await upstream.json()) as {
    usage?: { prompt_tokens: number; completion_tokens: number };
  };
  const usage = answer.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
  // The add, after the answer.
  const cost = usage.prompt_tokens * inputNanos + usage.completion_tokens * outputNanos;
  await redis.command('INCRBY', `naive:spend:${key}`, cost);
  response.writeHead(upstream.status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(answer));
}

const server = createServer((request, response) => {
  let body = '';
  request.on('data', (part: Buffer) => {
    body += part.toString();
  });
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      return refuse(response, 404, 'No such route.');
    }
    handle(request.headers.authorization ?? '', body, response).catch((error: unknown) =>
      refuse(response, 502, String(error)),
    );
  });
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
