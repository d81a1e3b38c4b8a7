import { randomUUID } from 'node:crypto';
import { createGateway, type SwitchyardProvider } from '@switchyard/ai-sdk-provider';
import {
  type MockUpstream,
  type RedisServer,
  type RunningRouter,
  startMockUpstream,
  startRedisServer,
  startRouter,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit';
import { Redis } from '@upstash/redis';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSSE } from '../support/read-sse.ts';

const adminKey = 'sk-test-admin';
const teamAKey = 'sk-team-a';
const teamBKey = 'sk-team-b';

/** Caching aliases over one OpenAI-chat upstream; two more API keys with their own tenants. */
function cacheConfig(upstream: MockUpstream) {
  const model = 'openai/gpt-4o-mini';
  return {
    providers: {
      openai: { type: 'openai', api: 'chat', baseURL: upstream.baseURLs.openai, apiKey: 'test' },
    },
    models: {
      cached: { targets: [model], cache: { enabled: true } },
      // Slow enough that concurrent identical requests all arrive while the first is upstream.
      'cached-slow': { targets: [`${model}~latency=300`], cache: { enabled: true } },
      'short-lived': { targets: [model], cache: { enabled: true, ttlSeconds: 10 } },
      // A single target, so the cut stream is not continued elsewhere.
      cut: { targets: [`${model}~cutAfter=2`], cache: { enabled: true } },
      uncached: { targets: [model] },
    },
    keys: [
      { key: 'env:TEAM_A_KEY', tenant: 'team-a' },
      { key: teamBKey, tenant: 'team-b' },
    ],
    catalog: { [model]: { pricing: { input: 1, output: 2 } } },
    server: { requestLog: false },
    // These tests are about what the cache serves, not about the fail-open budget (a slow store
    // skipped after 150 ms by default): on a loaded test machine the default would let a save
    // give up before it lands, and the next request miss.
    store: { timeBudgetMs: 5_000 },
  };
}

type Usage = { prompt_tokens: number; completion_tokens: number; cost?: number };

describe.each(['node', 'workerd'] as const)('the response cache on %s over Redis', (runtime) => {
  let upstream: MockUpstream;
  let redisServer: RedisServer;
  let bridge: UpstashBridge;
  let redis: Redis;
  let router: RunningRouter;
  let clients: { admin: OpenAI; teamA: OpenAI; teamB: OpenAI };
  let gateway: SwitchyardProvider;

  beforeAll(async () => {
    [upstream, redisServer] = await Promise.all([startMockUpstream(), startRedisServer()]);
    bridge = await startUpstashBridge({ redisUrl: redisServer.url });
    redis = new Redis({ url: bridge.url, token: bridge.token, automaticDeserialization: false });
    router = await startRouter(runtime, {
      config: cacheConfig(upstream),
      adminKey,
      vars: {
        UPSTASH_REDIS_REST_URL: bridge.url,
        UPSTASH_REDIS_REST_TOKEN: bridge.token,
        TEAM_A_KEY: teamAKey,
      },
    });
    const client = (apiKey: string) =>
      new OpenAI({ baseURL: `${router.url}/v1`, apiKey, maxRetries: 0 });
    clients = { admin: client(adminKey), teamA: client(teamAKey), teamB: client(teamBKey) };
    gateway = createGateway({ baseURL: `${router.url}/v1/ai`, apiKey: adminKey });
  });
  afterAll(async () => {
    await router?.close();
    await bridge?.close();
    await redisServer?.stop();
    await upstream?.close();
  });

  /** A prompt no other test sends, so each test has its own cache entries. */
  const promptFor = (label: string) => `${label} ${randomUUID()}`;
  const upstreamCalls = (prompt: string) =>
    upstream.requests.filter((request) => JSON.stringify(request.body).includes(prompt)).length;
  const storedKeys = (tenant: string, key: string | null) =>
    redis.keys(`sy:cache:${tenant}:${key ?? 'missing'}*`);
  /** The Redis key of an entry, once its save (after the response) has landed. */
  const savedKey = async (response: Response) => {
    let found: string | undefined;
    await vi.waitFor(async () => {
      [found] = await storedKeys('admin', response.headers.get('x-switchyard-cache-key'));
      expect(found).toBeDefined();
    });
    return found as string;
  };
  const cacheHeaders = (response: Response) => ({
    status: response.headers.get('x-switchyard-cache'),
    key: response.headers.get('x-switchyard-cache-key'),
    age: response.headers.get('age'),
  });

  function complete(
    prompt: string,
    options: { model?: string; client?: OpenAI; headers?: Record<string, string> } = {},
  ) {
    return (options.client ?? clients.admin).chat.completions
      .create(
        { model: options.model ?? 'cached', messages: [{ role: 'user', content: prompt }] },
        { headers: options.headers },
      )
      .withResponse();
  }

  async function completeStreaming(
    prompt: string,
    options: { model?: string; headers?: Record<string, string> } = {},
  ) {
    const { data, response } = await clients.admin.chat.completions
      .create(
        {
          model: options.model ?? 'cached',
          messages: [{ role: 'user', content: prompt }],
          stream: true,
          stream_options: { include_usage: true },
        },
        { headers: options.headers },
      )
      .withResponse();
    let text = '';
    let finishReason: string | null | undefined;
    let usage: Usage | undefined;
    for await (const chunk of data) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    return { response, text, finishReason, usage };
  }

  it('misses, then serves the same completion from the cache at no cost', async () => {
    const prompt = promptFor('non-stream hit');
    const first = await complete(prompt);
    await savedKey(first.response);
    const second = await complete(prompt);

    expect(cacheHeaders(first.response)).toMatchObject({ status: 'MISS', age: null });
    expect(first.response.headers.get('x-switchyard-cache-key')).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheHeaders(second.response)).toEqual({
      status: 'HIT',
      key: first.response.headers.get('x-switchyard-cache-key'),
      age: '0',
    });
    expect(second.data.choices[0]?.message.content).toBe(`Echo: ${prompt}`);
    expect(second.data.choices[0]?.finish_reason).toBe('stop');
    expect(second.response.headers.get('x-switchyard-provider')).toBe('openai');
    expect(second.response.headers.get('x-switchyard-attempts')).toBe('0');
    const [missUsage, hitUsage] = [first.data.usage as Usage, second.data.usage as Usage];
    expect(missUsage.cost).toBeGreaterThan(0);
    expect(hitUsage.cost).toBe(0);
    expect(hitUsage.prompt_tokens).toBe(missUsage.prompt_tokens);
    expect(hitUsage.completion_tokens).toBe(missUsage.completion_tokens);
    expect(upstreamCalls(prompt)).toBe(1);
  });

  it('misses, then replays the same stream from the cache at no cost', async () => {
    const prompt = promptFor('stream hit');
    const first = await completeStreaming(prompt);
    await savedKey(first.response);
    const second = await completeStreaming(prompt);

    expect(cacheHeaders(first.response).status).toBe('MISS');
    expect(cacheHeaders(second.response)).toEqual({
      status: 'HIT',
      key: cacheHeaders(first.response).key,
      age: '0',
    });
    expect(second.text).toBe(`Echo: ${prompt}`);
    expect(second.text).toBe(first.text);
    expect(second.finishReason).toBe('stop');
    expect(first.usage?.cost).toBeGreaterThan(0);
    expect(second.usage?.cost).toBe(0);
    expect(second.usage?.completion_tokens).toBe(first.usage?.completion_tokens);
    expect(upstreamCalls(prompt)).toBe(1);
  });

  it('serves a recorded stream to a later non-streaming request with the same content', async () => {
    const prompt = promptFor('stream then json');
    const streamed = await completeStreaming(prompt);
    await savedKey(streamed.response);
    const { data, response } = await complete(prompt);

    expect(cacheHeaders(response)).toMatchObject({
      status: 'HIT',
      key: cacheHeaders(streamed.response).key,
    });
    expect(data.choices[0]?.message.content).toBe(streamed.text);
    expect(data.choices[0]?.finish_reason).toBe(streamed.finishReason);
    expect((data.usage as Usage).completion_tokens).toBe(streamed.usage?.completion_tokens);
    expect(upstreamCalls(prompt)).toBe(1);
  });

  it('serves a stored completion to a later streaming request with the same content', async () => {
    const prompt = promptFor('json then stream');
    const { data, response } = await complete(prompt);
    await savedKey(response);
    const streamed = await completeStreaming(prompt);

    expect(cacheHeaders(streamed.response)).toMatchObject({
      status: 'HIT',
      key: cacheHeaders(response).key,
    });
    expect(streamed.text).toBe(data.choices[0]?.message.content);
    expect(streamed.finishReason).toBe(data.choices[0]?.finish_reason);
    expect(streamed.usage?.prompt_tokens).toBe((data.usage as Usage).prompt_tokens);
    expect(upstreamCalls(prompt)).toBe(1);
  });

  it("reports a hit's age from when the entry was made", async () => {
    const prompt = promptFor('aged');
    const first = await complete(prompt);
    const key = await savedKey(first.response);
    // Back-date the stored entry by 90 seconds, keeping its expiry.
    const stored = JSON.parse((await redis.get<string>(key)) ?? '') as {
      entry: { createdAt: number };
    };
    stored.entry.createdAt -= 90_000;
    await redis.set(key, JSON.stringify(stored), { keepTtl: true });

    const { response } = await complete(prompt);
    expect(cacheHeaders(response).status).toBe('HIT');
    expect(Number(cacheHeaders(response).age)).toBeGreaterThanOrEqual(90);
  });

  it('stores entries in Redis with the TTL of the alias, the header or max-age', async () => {
    const ttlOf = async (response: Response, expected: number) => {
      const ttl = await redis.pttl(await savedKey(response));
      expect(ttl).toBeGreaterThan(expected * 1_000 - 5_000);
      expect(ttl).toBeLessThanOrEqual(expected * 1_000);
    };
    await ttlOf((await complete(promptFor('alias ttl'), { model: 'short-lived' })).response, 10);
    await ttlOf((await complete(promptFor('default ttl'))).response, 3_600);
    const viaHeader = await complete(promptFor('header ttl'), {
      model: 'uncached',
      headers: { 'x-switchyard-cache-ttl': '120' },
    });
    expect(cacheHeaders(viaHeader.response).status).toBe('MISS');
    await ttlOf(viaHeader.response, 120);
    const viaMaxAge = await complete(promptFor('max-age'), {
      headers: { 'cache-control': 'max-age=45' },
    });
    await ttlOf(viaMaxAge.response, 45);
  });

  it('misses once Redis has expired the entry', async () => {
    const prompt = promptFor('expired');
    const first = await complete(prompt, { model: 'short-lived' });
    const key = await savedKey(first.response);
    if (runtime === 'node') {
      // Real time, once: the 10 s minimum TTL runs out in Redis itself.
      await vi.waitFor(async () => expect(await redis.exists(key)).toBe(0), {
        timeout: 12_000,
        interval: 250,
      });
    } else {
      await redis.pexpire(key, 1);
      await vi.waitFor(async () => expect(await redis.exists(key)).toBe(0));
    }
    const again = await complete(prompt, { model: 'short-lived' });
    expect(cacheHeaders(again.response).status).toBe('MISS');
    expect(upstreamCalls(prompt)).toBe(2);
  }, 20_000);

  it('skips the lookup with no-cache but stores the fresh answer', async () => {
    const prompt = promptFor('no-cache');
    const first = await complete(prompt);
    const fresh = await complete(prompt, { headers: { 'cache-control': 'no-cache' } });
    expect(cacheHeaders(fresh.response).status).toBe('MISS');
    expect(upstreamCalls(prompt)).toBe(2);

    const other = promptFor('no-cache first');
    const stored = await complete(other, { headers: { 'cache-control': 'no-cache' } });
    expect(cacheHeaders(stored.response).status).toBe('MISS');
    // No lock is taken without a lookup: wait until the background save has landed.
    await savedKey(stored.response);
    expect(cacheHeaders((await complete(other)).response).status).toBe('HIT');
    expect(cacheHeaders((await complete(prompt)).response).status).toBe('HIT');
    expect(upstreamCalls(other)).toBe(1);
    expect(first.data.choices[0]?.message.content).toBe(`Echo: ${prompt}`);
  });

  it('neither looks up nor stores with no-store', async () => {
    const prompt = promptFor('no-store');
    const bypassed = await complete(prompt, { headers: { 'cache-control': 'no-store' } });
    expect(cacheHeaders(bypassed.response)).toEqual({ status: 'BYPASS', key: null, age: null });
    expect(cacheHeaders((await complete(prompt)).response).status).toBe('MISS');
    const again = await completeStreaming(prompt, { headers: { 'cache-control': 'no-store' } });
    expect(cacheHeaders(again.response).status).toBe('BYPASS');
    expect(again.text).toBe(`Echo: ${prompt}`);
    expect(upstreamCalls(prompt)).toBe(3);
  });

  it('bypasses the cache for an alias without caching', async () => {
    const prompt = promptFor('uncached');
    await complete(prompt, { model: 'uncached' });
    const { response } = await complete(prompt, { model: 'uncached' });
    expect(cacheHeaders(response).status).toBe('BYPASS');
    expect(upstreamCalls(prompt)).toBe(2);
  });

  it("never serves one key's entries to another key", async () => {
    const prompt = promptFor('tenants');
    const a = await complete(prompt, { client: clients.teamA });
    const b = await complete(prompt, { client: clients.teamB });
    expect(cacheHeaders(a.response).status).toBe('MISS');
    expect(cacheHeaders(b.response).status).toBe('MISS');
    expect(cacheHeaders(b.response).key).not.toBe(cacheHeaders(a.response).key);
    await vi.waitFor(async () =>
      expect(await storedKeys('team-a', cacheHeaders(a.response).key)).toHaveLength(1),
    );
    expect(cacheHeaders((await complete(prompt)).response).status).toBe('MISS');

    const again = await complete(prompt, { client: clients.teamA });
    expect(cacheHeaders(again.response)).toMatchObject({
      status: 'HIT',
      key: cacheHeaders(a.response).key,
    });
    expect(
      cacheHeaders((await complete(prompt, { client: clients.teamB })).response),
    ).toMatchObject({ status: 'HIT', key: cacheHeaders(b.response).key });
    expect(await storedKeys('team-a', cacheHeaders(a.response).key)).toHaveLength(1);
    expect(await storedKeys('team-b', cacheHeaders(a.response).key)).toHaveLength(0);
    expect(upstreamCalls(prompt)).toBe(3);
  });

  it('never stores a stream cut off mid-way: the same request misses again', async () => {
    const prompt = promptFor('cut');
    const cutStream = async () => {
      const response = await fetch(`${router.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'cut',
          messages: [{ role: 'user', content: prompt }],
          stream: true,
        }),
      });
      return { status: cacheHeaders(response).status, events: await readSSE(response) };
    };
    const first = await cutStream();
    expect(first.status).toBe('MISS');
    expect(first.events.at(-1)).toMatch(/"error"/);
    expect(first.events).not.toContain('[DONE]');

    const second = await cutStream();
    expect(second.status).toBe('MISS');
    expect(second.events).not.toContain('[DONE]');
    expect(upstreamCalls(prompt)).toBe(2);
  });

  it('asks upstream once for 8 identical requests that arrive together', async () => {
    const prompt = promptFor('single flight');
    const before = upstream.requestCounts['/v1/chat/completions'] ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => complete(prompt, { model: 'cached-slow' })),
    );
    expect((upstream.requestCounts['/v1/chat/completions'] ?? 0) - before).toBe(1);
    const statuses = responses.map(({ response }) => cacheHeaders(response).status);
    expect(statuses.filter((status) => status === 'MISS')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'HIT')).toHaveLength(7);
    for (const { data } of responses) {
      expect(data.choices[0]?.message.content).toBe(`Echo: ${prompt}`);
    }
  });

  it('reports HIT, zero cost and the saved cost to the AI SDK', async () => {
    const prompt = promptFor('ai sdk');
    const facts = (metadata: unknown) =>
      (metadata as { switchyard?: Record<string, unknown> } | undefined)?.switchyard;
    const first = await generateText({ model: gateway('cached'), prompt, maxRetries: 0 });
    const second = await generateText({ model: gateway('cached'), prompt, maxRetries: 0 });
    expect(facts(first.providerMetadata)).toMatchObject({ cache: 'MISS' });
    expect(facts(second.providerMetadata)).toMatchObject({
      cache: 'HIT',
      cost: { total: 0 },
      savedCost: facts(first.providerMetadata)?.cost,
    });
    const saved = facts(second.providerMetadata)?.savedCost as { total: number } | undefined;
    expect(saved?.total).toBeGreaterThan(0);
    expect(second.text).toBe(first.text);

    const streamed = streamText({ model: gateway('cached'), prompt, maxRetries: 0 });
    expect(await streamed.text).toBe(first.text);
    expect(facts(await streamed.providerMetadata)).toMatchObject({
      cache: 'HIT',
      savedCost: facts(first.providerMetadata)?.cost,
    });
    expect(upstreamCalls(prompt)).toBe(1);
  });

  it('follows providerOptions.switchyard.cache from the AI SDK', async () => {
    const prompt = promptFor('ai sdk options');
    const call = (
      cache: { ttl?: number; noCache?: boolean; noStore?: boolean },
      model = 'cached',
    ) =>
      generateText({
        model: gateway(model),
        prompt,
        maxRetries: 0,
        providerOptions: { switchyard: { cache } },
      });
    const status = (result: { providerMetadata?: unknown }) =>
      (result.providerMetadata as { switchyard?: { cache?: string } }).switchyard?.cache;

    expect(status(await call({ noStore: true }))).toBe('BYPASS');
    expect(status(await call({}))).toBe('MISS');
    expect(status(await call({}))).toBe('HIT');
    expect(status(await call({ noCache: true }))).toBe('MISS');
    expect(status(await call({ ttl: 30 }, 'uncached'))).toBe('MISS');
    expect(status(await call({ ttl: 30 }, 'uncached'))).toBe('HIT');
    expect(upstreamCalls(prompt)).toBe(4);
  });

  it('keeps serving with Redis stopped: misses and bypasses, never errors', async () => {
    const prompt = promptFor('redis down');
    const first = await complete(prompt);
    expect(cacheHeaders(first.response).status).toBe('MISS');
    await savedKey(first.response);
    expect(cacheHeaders((await complete(prompt)).response).status).toBe('HIT');

    await redisServer.stop();
    const json = await complete(prompt);
    expect(json.response.status).toBe(200);
    expect(['MISS', 'BYPASS']).toContain(cacheHeaders(json.response).status);
    expect(json.data.choices[0]?.message.content).toBe(`Echo: ${prompt}`);
    const streamed = await completeStreaming(prompt);
    expect(streamed.response.status).toBe(200);
    expect(['MISS', 'BYPASS']).toContain(cacheHeaders(streamed.response).status);
    expect(streamed.text).toBe(`Echo: ${prompt}`);
    const ai = await generateText({ model: gateway('cached'), prompt, maxRetries: 0 });
    expect(ai.text).toBe(`Echo: ${prompt}`);
    expect(upstreamCalls(prompt)).toBe(4);
  });
});
