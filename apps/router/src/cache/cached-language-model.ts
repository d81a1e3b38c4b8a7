import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { Cost } from '../accounting/compute-cost.ts';
import { type RouterEnv, waitUntil } from '../context.ts';
import type { Served } from '../routing/call-with-failover.ts';
import type { RequestControls } from '../routing/request-controls.ts';
import { resolveWithControls } from '../routing/resolve-targets.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { type CacheDecision, type CacheRequest, decideCache } from './cache-decision.ts';
import {
  entryFromParts,
  entryFromResult,
  isCacheable,
  partsFromEntry,
  resultFromEntry,
} from './cache-entry.ts';
import { cacheKey } from './cache-key.ts';
import type { CacheHit } from './response-cache.ts';
import { waitForEntry } from './wait-for-entry.ts';

type CachedRequest = {
  model: string;
  options: LanguageModelV4CallOptions;
  controls?: RequestControls;
  cache?: CacheRequest;
};

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
  c: Context<RouterEnv>,
  request: CachedRequest,
  run: () => Promise<Served<LanguageModelV4GenerateResult>>,
): Promise<Served<LanguageModelV4GenerateResult>> {
  const lookup = await lookUp(c, request);
  if (lookup.hit !== undefined)
    return { target: lookup.hit.target, value: resultFromEntry(lookup.hit.entry) };
  const served = await run().catch((error: unknown) => {
    lookup.release();
    throw error;
  });
  markMiss(c, lookup.key);
  if (lookup.decision.use && isCacheable(served.value.finishReason)) {
    const entry = {
      ...entryFromResult(served.value, served.target, Date.now()),
      cost: c.get('route')?.cost,
    };
    waitUntil(c, lookup.save(entry).finally(lookup.release));
  } else lookup.release();
  return served;
}

/** A streaming call through the response cache: a hit replays the recorded parts. */
export async function cachedStream(
  c: Context<RouterEnv>,
  request: CachedRequest,
  run: () => Promise<Served<ReadableStream<LanguageModelV4StreamPart>>>,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  const lookup = await lookUp(c, request);
  if (lookup.hit !== undefined) {
    return { target: lookup.hit.target, value: streamOf(partsFromEntry(lookup.hit.entry)) };
  }
  const served = await run().catch((error: unknown) => {
    lookup.release();
    throw error;
  });
  markMiss(c, lookup.key);
  if (!lookup.decision.use) return served;
  const recorded = record(served.value, (parts) => {
    // Only a stream that finished cleanly is stored; a cut, failed or abandoned one never is.
    const entry = parts && entryFromParts(parts, served.target, Date.now());
    if (entry === undefined || !isCacheable(entry.result.finishReason)) return lookup.release();
    waitUntil(c, lookup.save({ ...entry, cost: c.get('route')?.cost }).finally(lookup.release));
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
  const reader = source.getReader();
  const parts: LanguageModelV4StreamPart[] = [];
  return new ReadableStream({
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
  decision: CacheDecision;
  key?: string;
  hit?: CacheHit & { target: Target };
  save: (entry: ReturnType<typeof entryFromResult>) => Promise<unknown>;
  release: () => void;
}

async function lookUp(c: Context<RouterEnv>, request: CachedRequest): Promise<Lookup> {
  const config = c.get('config');
  const decision = decideCache(config, request.model, request.cache);
  const none: Lookup = { decision, save: async () => undefined, release: () => undefined };
  if (!decision.use) return none;
  const cache = c.get('cache');
  const namespace = c.get('tenant');
  const resolution = resolveWithControls(config, request.model, request.controls);
  const key = await cacheKey({
    tenant: namespace,
    model: request.model,
    targets: resolution.targets.map((target) => target.id),
    kind: 'language',
    options: request.options,
  });
  let hit = decision.lookup ? await cache.lookup(namespace, key) : undefined;
  let leader = false;
  if (hit === undefined && decision.lookup) {
    leader = await cache.acquire(namespace, key);
    if (!leader) {
      hit = await waitForEntry(
        () => cache.lookup(namespace, key),
        () => cache.isLocked(namespace, key),
        config.cache.singleFlightWaitMs,
        c.req.raw.signal,
      );
    }
  }
  const release = () => {
    if (leader) waitUntil(c, cache.release(namespace, key));
    leader = false;
  };
  if (hit !== undefined) {
    const target = parseTarget(
      `${hit.entry.target.providerId}/${hit.entry.target.modelId}`,
    ) as Target;
    markHit(c, request.model, key, hit, target);
    return { decision, key, hit: { ...hit, target }, save: async () => undefined, release };
  }
  return {
    decision,
    key,
    save: (entry) => cache.save(namespace, key, entry, decision.ttlSeconds),
    release,
  };
}

function markHit(c: Context<RouterEnv>, model: string, key: string, hit: CacheHit, target: Target) {
  c.set('route', {
    requested: model,
    targets: [target.id],
    attempts: [],
    served: { providerId: target.providerId, modelId: target.modelId },
    usage: hit.entry.result.usage,
    cost: zeroCost,
    cache: {
      status: 'HIT',
      key: key.slice(0, 16),
      ageSeconds: hit.ageSeconds,
      savedCost: hit.entry.cost,
    },
  });
}

function markMiss(c: Context<RouterEnv>, key: string | undefined) {
  const facts = c.get('route');
  if (facts !== undefined)
    facts.cache =
      key === undefined ? { status: 'BYPASS' } : { status: 'MISS', key: key.slice(0, 16) };
}

function streamOf(parts: LanguageModelV4StreamPart[]): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}
