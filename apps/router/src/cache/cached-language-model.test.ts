import type { LanguageModelV4GenerateResult, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cost } from '../accounting/compute-cost.ts';
import { parseConfig } from '../config/index.ts';
import { type RouteFacts, startFacts } from '../facts/route-facts.ts';
import { createControlledStore } from '../store/controlled-store.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { type CacheRequest, decideCache } from './cache-decision.ts';
import type { CacheTarget } from './cache-entry.ts';
import { type CachedAnswer, cachedGenerate, cachedStream } from './cached-language-model.ts';
import { createResponseCache } from './response-cache.ts';

const target: CacheTarget = { providerId: 'mock', modelId: 'echo' };
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

/** A value as it comes back from the store: no undefined members. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Every call below asks the same question: one key per model. */
const keyOf = (model: string) => `key-of-${model}`;

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

/** The cache stage as the pipeline runs it: a decision, a key, facts, and background writes. */
function setup(store: GuardedStore = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 })) {
  const config = parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {} } } },
    models: {
      cached: { targets: ['mock/echo'], cache: { enabled: true } },
      plain: { targets: ['mock/echo'] },
    },
    cache: { singleFlightWaitMs: 15_000 },
  });
  const cache = createResponseCache({ store, maxEntryBytes: 100_000 });
  const background: Promise<unknown>[] = [];

  const stageFor = (model: string, cacheRequest: CacheRequest | undefined, facts: RouteFacts) => ({
    cache,
    decision: decideCache(config, model, cacheRequest),
    namespace: 'admin',
    key: keyOf(model),
    facts,
    background: (write: Promise<unknown>) => {
      background.push(write);
    },
    singleFlightWaitMs: config.cache.singleFlightWaitMs,
    lockMs: 60_000,
  });

  /** An upstream call as the pipeline makes it: route facts first, then the answer. */
  const upstream =
    <T>(facts: RouteFacts, answer: () => T | Promise<T>) =>
    async (): Promise<CachedAnswer<T>> => {
      facts.targets = ['mock/echo'];
      facts.served = target;
      facts.cost = cost;
      return { target, value: await answer() };
    };

  const generate = async (
    answer: () => LanguageModelV4GenerateResult | Promise<LanguageModelV4GenerateResult>,
    request: { model?: string; cache?: CacheRequest } = {},
  ) => {
    const model = request.model ?? 'cached';
    const facts = startFacts(model);
    const served = await cachedGenerate(
      stageFor(model, request.cache, facts),
      upstream(facts, answer),
    );
    return { served, facts };
  };

  const stream = async (
    answer: () => ReadableStream<LanguageModelV4StreamPart>,
    request: { cache?: CacheRequest } = {},
  ) => {
    const facts = startFacts('cached');
    const served = await cachedStream(
      stageFor('cached', request.cache, facts),
      upstream(facts, answer),
    );
    return { served, facts };
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
    expect(answer).toHaveBeenCalledTimes(1);
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
    const { generate } = setup(
      guardStore(createControlledStore('reject').store, { timeBudgetMs: 150 }),
    );
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

  it("asks upstream at once as a stream follower, never waiting for its leader's stream", async () => {
    vi.useFakeTimers();
    const { stream } = setup();
    const leaderStream = new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        controller.enqueue({ type: 'text-start', id: 't' });
      },
    });
    const answer = vi.fn(() =>
      answer.mock.calls.length === 1 ? leaderStream : streamOf(partsOf('Echo: follower')),
    );
    const leader = await stream(answer);
    const follower = stream(answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(answer).toHaveBeenCalledTimes(2);
    const { served, facts } = await follower;
    expect(facts.cache?.status).toBe('MISS');
    expect((await readAll(served.value)).at(-1)).toMatchObject({ type: 'finish' });
    await leader.served.value.cancel('done');
  });

  it("waits, bounded, as a generate follower and takes a stream leader's recorded answer", async () => {
    const { stream, generate, settled } = setup();
    let finishLeader: () => void = () => undefined;
    const parts = partsOf('Echo: hello');
    const leaderStream = new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        finishLeader = () => {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        };
      },
    });
    const leader = await stream(() => leaderStream);
    const reading = readAll(leader.served.value);
    const answer = vi.fn(() => resultOf('not asked'));
    const follower = generate(answer);
    await new Promise((resolve) => setTimeout(resolve, 30));
    finishLeader();
    await reading;
    await settled();
    const { facts, served } = await follower;
    expect(answer).not.toHaveBeenCalled();
    expect(facts.cache?.status).toBe('HIT');
    expect(served.value.content).toEqual([{ type: 'text', text: 'Echo: hello' }]);
  });

  it('lets the next call ask upstream at once after the upstream stream failed', async () => {
    const { stream, cache, settled } = setup();
    const { served } = await stream(() =>
      streamOf(partsOf('Echo: hello').slice(0, 3), new Error('socket closed')),
    );
    await expect(readAll(served.value)).rejects.toThrow('socket closed');
    await settled();
    expect(await cache.isLocked('admin', keyOf('cached'))).toBe(false);
  });

  it('lets the next call ask upstream at once after the client left mid-stream', async () => {
    const { stream, cache, settled } = setup();
    const { served } = await stream(() => streamOf(partsOf('Echo: hello')));
    const reader = served.value.getReader();
    await reader.read();
    await reader.cancel('client left');
    await settled();
    expect(await cache.isLocked('admin', keyOf('cached'))).toBe(false);
  });
});
