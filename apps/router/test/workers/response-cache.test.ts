import { env, exports } from 'cloudflare:workers';
import { Redis } from '@upstash/redis/cloudflare';
import { describe, expect, it, vi } from 'vitest';
import { adminKey } from '../integration/integration-config.ts';
import { readSSE } from '../support/read-sse.ts';

const bindings = env as { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };
const redis = new Redis({
  url: bindings.UPSTASH_REDIS_REST_URL,
  token: bindings.UPSTASH_REDIS_REST_TOKEN,
  automaticDeserialization: false,
});

function chat(prompt: string, body: object = {}) {
  return exports.default.fetch(
    new Request('http://router.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'cached',
        messages: [{ role: 'user', content: prompt }],
        ...body,
      }),
    }),
  );
}

/** Waits until the entry behind a MISS has been saved (after the response, in waitUntil). */
async function saved(response: Response) {
  const key = response.headers.get('x-switchyard-cache-key');
  await vi.waitFor(async () => expect(await redis.keys(`sy:cache:admin:${key}*`)).toHaveLength(1));
}

const textOf = async (response: Response) =>
  ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message
    .content;
const streamedTextOf = async (response: Response) =>
  (await readSSE(response))
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data).choices[0]?.delta?.content ?? '')
    .join('');

// The worker entry with its configured Upstash bindings: a real redis-server behind the bridge.
describe('the response cache in workerd', () => {
  it('misses, stores the answer in Redis, then serves it', async () => {
    const prompt = `workerd ${crypto.randomUUID()}`;
    const first = await chat(prompt);
    expect(first.headers.get('x-switchyard-cache')).toBe('MISS');
    const key = first.headers.get('x-switchyard-cache-key');
    expect(await textOf(first)).toBe(`Echo: ${prompt}`);
    await vi.waitFor(async () =>
      expect(await redis.keys(`sy:cache:admin:${key}*`)).toHaveLength(1),
    );

    const second = await chat(prompt);
    expect(second.headers.get('x-switchyard-cache')).toBe('HIT');
    expect(second.headers.get('x-switchyard-cache-key')).toBe(key);
    expect(second.headers.get('age')).toBe('0');
    expect(await textOf(second)).toBe(`Echo: ${prompt}`);
  });

  it('serves a recorded stream to a non-streaming request, and the other way round', async () => {
    const streamedFirst = `workerd stream ${crypto.randomUUID()}`;
    const miss = await chat(streamedFirst, { stream: true });
    expect(miss.headers.get('x-switchyard-cache')).toBe('MISS');
    const streamedText = await streamedTextOf(miss);
    await saved(miss);
    const hit = await chat(streamedFirst);
    expect(hit.headers.get('x-switchyard-cache')).toBe('HIT');
    expect(await textOf(hit)).toBe(streamedText);

    const jsonFirst = `workerd json ${crypto.randomUUID()}`;
    const first = await chat(jsonFirst);
    const stored = await textOf(first);
    await saved(first);
    const replay = await chat(jsonFirst, { stream: true });
    expect(replay.headers.get('x-switchyard-cache')).toBe('HIT');
    expect(await streamedTextOf(replay)).toBe(stored);
  });

  it('bypasses the cache with Cache-Control: no-store', async () => {
    const prompt = `workerd no-store ${crypto.randomUUID()}`;
    const response = await exports.default.fetch(
      new Request('http://router.test/v1/chat/completions', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminKey}`,
          'content-type': 'application/json',
          'cache-control': 'no-store',
        },
        body: JSON.stringify({ model: 'cached', messages: [{ role: 'user', content: prompt }] }),
      }),
    );
    expect(response.headers.get('x-switchyard-cache')).toBe('BYPASS');
    expect(await textOf(response)).toBe(`Echo: ${prompt}`);
    expect((await chat(prompt)).headers.get('x-switchyard-cache')).toBe('MISS');
  });
});
