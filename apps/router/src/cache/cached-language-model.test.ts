import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { Context } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cost } from '../accounting/compute-cost.ts';
import { parseConfig } from '../config/index.ts';
import type { RouteFacts, RouterEnv, RouterVariables } from '../context.ts';
import type { Served } from '../routing/call-with-failover.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { withFailOpen } from '../store/fail-open-store.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store } from '../store/store.ts';
import type { CacheRequest } from './cache-decision.ts';
import { cacheKey } from './cache-key.ts';
import { cachedGenerate, cachedStream } from './cached-language-model.ts';
import { createResponseCache } from './response-cache.ts';

// Keys without WebCrypto: its digest settles outside the event loop that fake timers drive.
vi.mock('./cache-key.ts', async () => {
  const { canonicalJson } = await import('./canonical-json.ts');
  return { cacheKey: async (parts: object) => canonicalJson(parts) };
});

const target = parseTarget('mock/echo') as Target;
const cost: Cost = {
  total: 0.003,
  input: 0.001,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0.002,
  currency: 'USD',
};
const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 4, text: 4, reasoning: undefined },
};
const options: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
};

/** A value as it comes back from the store: no undefined members. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The key every call below uses: same tenant, model and options. */
const lockedKey = () =>
  cacheKey({ tenant: 'admin', model: 'cached', targets: [target.id], kind: 'language', options });

function resultOf(text: string, unified: 'stop' | 'content-filter' = 'stop') {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified, raw: unified },
    usage,
    warnings: [],
  } satisfies LanguageModelV4GenerateResult;
}

function partsOf(text: string): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: text.slice(0, 3) },
    { type: 'text-delta', id: 't', delta: text.slice(3) },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

/** Parts, then (optionally) a failure: the upstream stream errors instead of closing. */
function streamOf(parts: LanguageModelV4StreamPart[], failure?: Error) {
  let index = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    pull(controller) {
      const part = parts[index++];
      if (part !== undefined) controller.enqueue(part);
      else if (failure !== undefined) controller.error(failure);
      else controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

const brokenStore: Store = {
  kind: 'upstash',
  get: () => Promise.reject(new Error('down')),
  set: () => Promise.reject(new Error('down')),
  delete: () => Promise.reject(new Error('down')),
  increment: () => Promise.reject(new Error('down')),
  ping: () => Promise.reject(new Error('down')),
};

/** The router around the cache: config, store, and one context per request. */
function setup(store: Store = createMemoryStore()) {
  const config = parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {} } } },
    models: {
      cached: { targets: ['mock/echo'], cache: { enabled: true } },
      plain: { targets: ['mock/echo'] },
    },
    cache: { singleFlightWaitMs: 15_000 },
  });
  const cache = createResponseCache({ store, maxEntryBytes: 100_000, lockMs: 60_000 });
  const background: Promise<unknown>[] = [];

  const contextFor = () => {
    const variables = new Map<string, unknown>([
      ['config', config],
      ['cache', cache],
      ['tenant', 'admin'],
    ]);
    return {
      get: (name: keyof RouterVariables) => variables.get(name),
      set: (name: keyof RouterVariables, value: unknown) => variables.set(name, value),
      req: { raw: { signal: new AbortController().signal } },
      executionCtx: { waitUntil: (promise: Promise<unknown>) => background.push(promise) },
    } as unknown as Context<RouterEnv>;
  };

  /** An upstream call as `routeCall` makes it: route facts first, then the answer. */
  const upstream =
    <T>(c: Context<RouterEnv>, answer: () => T | Promise<T>) =>
    async () => {
      c.set('route', { requested: 'cached', targets: [target.id], attempts: [], cost });
      return { target, value: await answer() } satisfies Served<T>;
    };

  const generate = async (
    answer: () => LanguageModelV4GenerateResult | Promise<LanguageModelV4GenerateResult>,
    request: { model?: string; cache?: CacheRequest } = {},
  ) => {
    const c = contextFor();
    const served = await cachedGenerate(
      c,
      { model: request.model ?? 'cached', options, cache: request.cache },
      upstream(c, answer),
    );
    return { served, facts: c.get('route') as RouteFacts };
  };

  const stream = async (
    answer: () => ReadableStream<LanguageModelV4StreamPart>,
    request: { cache?: CacheRequest } = {},
  ) => {
    const c = contextFor();
    const served = await cachedStream(
      c,
      { model: 'cached', options, cache: request.cache },
      upstream(c, answer),
    );
    return { served, facts: c.get('route') as RouteFacts };
  };

  const settled = async () => {
    while (background.length > 0) await Promise.all(background.splice(0));
  };
  return { cache, generate, stream, settled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('cachedGenerate', () => {
  it('serves the second identical call from the cache, at no cost', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf('Echo: hello'));
    const first = await generate(answer);
    expect(first.facts.cache).toEqual({ status: 'MISS', key: expect.any(String) });
    await settled();

    const second = await generate(answer);
    expect(answer).toHaveBeenCalledTimes(1);
    expect(second.served.value.content).toEqual([{ type: 'text', text: 'Echo: hello' }]);
    expect(second.served.target).toEqual(target);
    expect(second.facts).toMatchObject({
      served: { providerId: 'mock', modelId: 'echo' },
      attempts: [],
      usage: stored(usage),
      cost: { total: 0 },
      cache: { status: 'HIT', key: first.facts.cache?.key, ageSeconds: 0, savedCost: cost },
    });
  });

  it('bypasses the cache when neither the alias nor the request turns it on', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf('x'));
    const { facts } = await generate(answer, { model: 'plain' });
    await settled();
    await generate(answer, { model: 'plain' });
    expect(facts.cache).toEqual({ status: 'BYPASS' });
    expect(answer).toHaveBeenCalledTimes(2);
  });

  it('turns the cache on for a request that sets a TTL', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf('x'));
    await generate(answer, { model: 'plain', cache: { ttlSeconds: 60 } });
    await settled();
    const { facts } = await generate(answer, { model: 'plain', cache: { ttlSeconds: 60 } });
    expect(facts.cache?.status).toBe('HIT');
  });

  it('skips the lookup but stores with no-cache', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf(`answer ${answer.mock.calls.length}`));
    await generate(answer);
    await settled();
    const fresh = await generate(answer, { cache: { noCache: true } });
    expect(fresh.facts.cache?.status).toBe('MISS');
    await settled();
    const { served } = await generate(answer);
    expect(answer).toHaveBeenCalledTimes(2);
    expect(served.value.content).toEqual([{ type: 'text', text: 'answer 2' }]);
  });

  it('neither looks up nor stores with no-store', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf('x'));
    const { facts } = await generate(answer, { cache: { noStore: true } });
    await settled();
    expect(facts.cache).toEqual({ status: 'BYPASS' });
    expect((await generate(answer)).facts.cache?.status).toBe('MISS');
    await settled();
    expect((await generate(answer, { cache: { noStore: true } })).facts.cache?.status).toBe(
      'BYPASS',
    );
    expect(answer).toHaveBeenCalledTimes(3);
  });

  it('does not store an answer that did not finish cleanly', async () => {
    const { generate, settled } = setup();
    const answer = vi.fn(() => resultOf('filtered', 'content-filter'));
    await generate(answer);
    await settled();
    expect((await generate(answer)).facts.cache?.status).toBe('MISS');
  });

  it('asks upstream once for identical calls that arrive together', async () => {
    const { generate } = setup();
    let release = () => {};
    const answer = vi.fn(
      () =>
        new Promise<LanguageModelV4GenerateResult>((resolve) => {
          release = () => resolve(resultOf('shared'));
        }),
    );
    const calls = Array.from({ length: 8 }, () => generate(answer));
    await vi.waitFor(() => expect(answer).toHaveBeenCalledTimes(1));
    release();
    const results = await Promise.all(calls);
    expect(answer).toHaveBeenCalledTimes(1);
    expect(results.map(({ facts }) => facts.cache?.status).sort()).toEqual([
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'MISS',
    ]);
    for (const { served } of results) {
      expect(served.value.content).toEqual([{ type: 'text', text: 'shared' }]);
    }
  });

  it('lets waiting calls ask upstream as soon as the first one fails', async () => {
    vi.useFakeTimers();
    const { generate } = setup();
    let fail = () => {};
    const answer = vi.fn(() =>
      answer.mock.calls.length === 1
        ? new Promise<LanguageModelV4GenerateResult>((_, reject) => {
            fail = () => reject(new Error('upstream 503'));
          })
        : resultOf('second try'),
    );
    const leader = generate(answer).catch((error: Error) => error);
    await vi.advanceTimersByTimeAsync(0);
    let answered = 0;
    const followers = Array.from({ length: 3 }, () =>
      generate(answer).finally(() => {
        answered += 1;
      }),
    );
    await vi.advanceTimersByTimeAsync(10);
    fail();
    expect(await leader).toBeInstanceOf(Error);
    // Far less than the 15 s single-flight budget: the followers saw the lock go.
    await vi.advanceTimersByTimeAsync(300);
    expect(answered).toBe(3);
    expect(answer.mock.calls.length).toBeGreaterThan(1);
    for (const { served } of await Promise.all(followers)) {
      expect(served.value.content).toEqual([{ type: 'text', text: 'second try' }]);
    }
  });

  it('asks upstream without waiting when the store is down', async () => {
    vi.useFakeTimers();
    const { generate } = setup(withFailOpen(brokenStore, { timeBudgetMs: 150 }));
    const answer = vi.fn(() => resultOf('served anyway'));
    const call = generate(answer);
    await vi.advanceTimersByTimeAsync(100);
    expect(answer).toHaveBeenCalledTimes(1);
    const { served, facts } = await call;
    expect(served.value.content).toEqual([{ type: 'text', text: 'served anyway' }]);
    expect(facts.cache?.status).toBe('MISS');
  });
});

describe('cachedStream', () => {
  it('replays a recorded stream part by part', async () => {
    const { stream, settled } = setup();
    const answer = vi.fn(() => streamOf(partsOf('Echo: hello')));
    const first = await stream(answer);
    const recorded = await readAll(first.served.value);
    await settled();

    const second = await stream(answer);
    expect(second.facts.cache?.status).toBe('HIT');
    expect(await readAll(second.served.value)).toEqual(recorded);
    expect(answer).toHaveBeenCalledTimes(1);
  });

  it('serves a recorded stream to a later generate call, and the other way round', async () => {
    const { stream, generate, settled } = setup();
    await readAll((await stream(() => streamOf(partsOf('Echo: hello')))).served.value);
    await settled();
    const fromStream = await generate(() => resultOf('not asked'));
    expect(fromStream.facts.cache?.status).toBe('HIT');
    expect(fromStream.served.value.content).toEqual([{ type: 'text', text: 'Echo: hello' }]);

    const other = setup();
    await other.generate(() => resultOf('Echo: hello'));
    await other.settled();
    const fromResult = await other.stream(() => streamOf([]));
    expect(fromResult.facts.cache?.status).toBe('HIT');
    const parts = await readAll(fromResult.served.value);
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(text.join('')).toBe('Echo: hello');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: stored(usage) });
  });

  it('never stores a stream that ended with an error part or without a finish', async () => {
    const { stream, settled } = setup();
    const parts = partsOf('Echo: hello');
    const cut = [...parts.slice(0, 3), { type: 'error', error: 'cut' } as const];
    for (const answer of [cut, parts.slice(0, 3)]) {
      const { served, facts } = await stream(() => streamOf(answer));
      await readAll(served.value);
      await settled();
      expect(facts.cache?.status).toBe('MISS');
    }
    const after = await stream(() => streamOf(parts));
    expect(after.facts.cache?.status).toBe('MISS');
  });

  it('lets the next call ask upstream at once after the upstream stream failed', async () => {
    const { stream, cache, settled } = setup();
    const { served } = await stream(() =>
      streamOf(partsOf('Echo: hello').slice(0, 3), new Error('socket closed')),
    );
    await expect(readAll(served.value)).rejects.toThrow('socket closed');
    await settled();
    expect(await cache.isLocked('admin', await lockedKey())).toBe(false);
  });

  it('lets the next call ask upstream at once after the client left mid-stream', async () => {
    const { stream, cache, settled } = setup();
    const { served } = await stream(() => streamOf(partsOf('Echo: hello')));
    const reader = served.value.getReader();
    await reader.read();
    await reader.cancel('client left');
    await settled();
    expect(await cache.isLocked('admin', await lockedKey())).toBe(false);
  });
});
