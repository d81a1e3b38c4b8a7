import type { LanguageModelV4GenerateResult, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { Cost } from '../accounting/compute-cost.ts';
import type { RouteFacts } from '../facts/route-facts.ts';
import { fusedStream, sourceOf } from '../streams/fused-stream.ts';
import type { CacheDecision } from './cache-decision.ts';
import {
  type CacheTarget,
  entryFromParts,
  entryFromResult,
  isCacheable,
  type LanguageCacheEntry,
  partsFromEntry,
  resultFromEntry,
} from './cache-entry.ts';
import type { CacheHit, ResponseCache } from './response-cache.ts';
import { waitForEntry } from './wait-for-entry.ts';

/** What the cache stage needs of one request: plain values, no HTTP. */
export interface CacheStageRequest {
  cache: ResponseCache;
  decision: CacheDecision;
  /** Whose entries: never shared across tenants. */
  namespace: string;
  /** The request's key (see `cacheKey`); unused when the decision bypasses the cache. */
  key: string;
  facts: RouteFacts;
  signal?: AbortSignal;
  /** Runs writes after the response (waitUntil). */
  background: (write: Promise<unknown>) => void;
  /** How long a non-stream follower waits for its leader's entry. */
  singleFlightWaitMs: number;
  /** How long a leader's lock outlives a leader that vanished: its answer's longest time. */
  lockMs: number;
}

/** The answer, from the cache or from `run`, with the target that made it. */
export interface CachedAnswer<T> {
  target: CacheTarget;
  value: T;
}

const zeroCost: Cost = {
  total: 0,
  input: 0,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0,
  currency: 'USD',
};

/** A generate call through the response cache: a hit never reaches a provider. */
export async function cachedGenerate(
  request: CacheStageRequest,
  run: () => Promise<CachedAnswer<LanguageModelV4GenerateResult>>,
): Promise<CachedAnswer<LanguageModelV4GenerateResult>> {
  const lookup = await lookUp(request, false);
  if (lookup.hit !== undefined)
    return { target: lookup.hit.entry.target, value: resultFromEntry(lookup.hit.entry) };
  const served = await run().catch((error: unknown) => {
    lookup.release();
    throw error;
  });
  markMiss(request);
  if (request.decision.use && isCacheable(served.value.finishReason)) {
    const entry = entryFromResult(served.value, { ...served.target }, Date.now());
    lookup.save({ ...entry, cost: request.facts.cost });
  } else lookup.release();
  return served;
}

/** A streaming call through the response cache: a hit replays the recorded parts. */
export async function cachedStream(
  request: CacheStageRequest,
  run: () => Promise<CachedAnswer<ReadableStream<LanguageModelV4StreamPart>>>,
): Promise<CachedAnswer<ReadableStream<LanguageModelV4StreamPart>>> {
  const lookup = await lookUp(request, true);
  if (lookup.hit !== undefined) {
    return { target: lookup.hit.entry.target, value: streamOf(partsFromEntry(lookup.hit.entry)) };
  }
  const served = await run().catch((error: unknown) => {
    lookup.release();
    throw error;
  });
  markMiss(request);
  if (!request.decision.use) return served;
  const recorded = record(served.value, (parts) => {
    // Only a stream that finished cleanly is stored; a cut, failed or abandoned one never is.
    // A continued stream was finished by its last segment's target.
    const entry = parts && entryFromParts(parts, request.facts.served ?? served.target, Date.now());
    if (entry === undefined || !isCacheable(entry.result.finishReason)) return lookup.release();
    lookup.save({ ...entry, cost: request.facts.cost });
  });
  return { ...served, value: recorded };
}

/**
 * Passes the parts through and calls `onEnd` once: with every part when the stream closed,
 * with nothing when it failed or the client cancelled it (so the lock never outlives it).
 */
function record(
  source: ReadableStream<LanguageModelV4StreamPart>,
  onEnd: (parts: LanguageModelV4StreamPart[] | undefined) => void,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = sourceOf(source);
  const parts: LanguageModelV4StreamPart[] = [];
  return fusedStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      let next: ReadableStreamReadResult<LanguageModelV4StreamPart>;
      try {
        next = await reader.read();
      } catch (error) {
        onEnd(undefined);
        throw error;
      }
      if (next.done) {
        onEnd(parts);
        controller.close();
      } else {
        parts.push(next.value);
        controller.enqueue(next.value);
      }
    },
    cancel(reason) {
      onEnd(undefined);
      return reader.cancel(reason);
    },
  });
}

interface Lookup {
  hit?: CacheHit;
  /** Stores the entry, then lets go of the lock (in the background). */
  save: (entry: LanguageCacheEntry) => void;
  release: () => void;
}

/**
 * Looks the key up and, on a miss, takes part in single flight: the leader asks upstream; a
 * non-stream follower waits (bounded) for the leader's entry; a stream follower never waits for
 * a whole answer, it asks upstream at once. A store that cannot answer makes every caller lead.
 */
async function lookUp(request: CacheStageRequest, streaming: boolean): Promise<Lookup> {
  const { cache, decision, namespace, key, background } = request;
  const none: Lookup = { save: () => undefined, release: () => undefined };
  if (!decision.use) return none;
  let hit = decision.lookup ? await cache.lookup(namespace, key) : undefined;
  let lockToken: string | undefined;
  if (hit === undefined && decision.lookup) {
    const lock = await cache.acquire(namespace, key, request.lockMs);
    if (lock.status === 'acquired') lockToken = lock.token;
    else if (lock.status === 'held' && !streaming) {
      hit = await waitForEntry(
        () => cache.lookup(namespace, key),
        () => cache.isLocked(namespace, key),
        request.singleFlightWaitMs,
        request.signal,
      );
    }
  }
  const release = () => {
    if (lockToken !== undefined) background(cache.release(namespace, key, lockToken));
    lockToken = undefined;
  };
  if (hit !== undefined) {
    markHit(request, hit);
    return { hit, save: () => undefined, release };
  }
  return {
    save: (entry) => {
      const token = lockToken;
      lockToken = undefined;
      background(
        cache
          .save(namespace, key, entry, decision.ttlSeconds)
          .finally(() => (token === undefined ? undefined : cache.release(namespace, key, token))),
      );
    },
    release,
  };
}

function markHit(request: CacheStageRequest, hit: CacheHit) {
  const { facts } = request;
  const { target } = hit.entry;
  facts.targets = [`${target.providerId}/${target.modelId}`];
  facts.served = { providerId: target.providerId, modelId: target.modelId };
  facts.usage = hit.entry.result.usage;
  facts.cost = zeroCost;
  facts.cache = {
    status: 'HIT',
    key: request.key.slice(0, 16),
    ageSeconds: hit.ageSeconds,
    savedCost: hit.entry.cost,
  };
}

function markMiss(request: CacheStageRequest) {
  request.facts.cache = request.decision.use
    ? { status: 'MISS', key: request.key.slice(0, 16) }
    : { status: 'BYPASS' };
}

function streamOf(parts: LanguageModelV4StreamPart[]): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return fusedStream<LanguageModelV4StreamPart>({
    pull(controller) {
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}
