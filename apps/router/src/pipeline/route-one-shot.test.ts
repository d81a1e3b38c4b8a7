import { describe, expect, it } from 'vitest';
import { createResponseCache } from '../cache/response-cache.ts';
import { parseConfig } from '../config/index.ts';
import { startFacts } from '../facts/route-facts.ts';
import { createCircuitBreaker } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import { routeEmbed, routeImage } from './route-one-shot.ts';
import type { PipelineDeps, RouteRequest } from './route-request.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { down: { errorStatus: 503 }, rejecting: { errorStatus: 400 } } },
    backup: { type: 'mock', models: { vectors: {} } },
  },
  models: {
    embed: { targets: ['mock/down', 'backup/vectors'] },
    strict: { targets: ['mock/rejecting', 'backup/vectors'] },
  },
  routing: { attemptsPerTarget: 1 },
});

function setup() {
  const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 });
  const deps: PipelineDeps = {
    config,
    state: {
      health: createHealthTracker({ store }),
      circuits: createCircuitBreaker({ store, ...config.routing.circuitBreaker }),
    },
    cache: createResponseCache({ store, maxEntryBytes: 100_000 }),
  };
  const registry = createProviderRegistry(config, { env: {} });
  const writes: Promise<unknown>[] = [];
  const request = <Call>(model: string, call: Call): RouteRequest<Call> => ({
    tenant: 'admin',
    principal: { kind: 'root' },
    model,
    call,
    controls: {},
    cache: {},
    signal: new AbortController().signal,
    registry,
    requestKeyProviders: new Set(),
    facts: startFacts(model),
    background: (work) => {
      writes.push(work);
    },
  });
  const requests = async (targetId: string) => {
    while (writes.length > 0) await Promise.all(writes.splice(0));
    return (await deps.state.health.stats([targetId])).get(targetId)?.requests;
  };
  return { deps, request, requests };
}

describe('routeEmbed', () => {
  it('fails over like a language-model call and records attempts, usage and health', async () => {
    const { deps, request, requests } = setup();
    const routed = request('embed', { values: ['a', 'b'] });
    const outcome = await routeEmbed(deps, routed);
    expect(outcome.model).toBe('backup/vectors');
    expect(outcome.value.embeddings).toHaveLength(2);
    expect(routed.facts).toMatchObject({
      alias: 'embed',
      attempts: [
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'backup/vectors', outcome: 'ok' },
      ],
      served: { providerId: 'backup', modelId: 'vectors' },
      segments: [{ target: 'backup/vectors', outcome: 'ok' }],
    });
    expect(routed.facts.usage?.inputTokens.total).toBeGreaterThan(0);
    expect(await requests('mock/down')).toBe(1);
    expect(await requests('backup/vectors')).toBe(1);
  });

  it('stops at a rejected request without trying the next target', async () => {
    const { deps, request } = setup();
    const routed = request('strict', { values: ['a'] });
    await expect(routeEmbed(deps, routed)).rejects.toMatchObject({ statusCode: 400 });
    expect(routed.facts.attempts).toHaveLength(1);
  });
});

describe('routeImage', () => {
  it('fails over and records the image usage of the serving target', async () => {
    const { deps, request } = setup();
    const routed = request('embed', {
      prompt: 'a lighthouse',
      n: 1,
      size: undefined,
      aspectRatio: undefined,
      seed: undefined,
      files: undefined,
      mask: undefined,
      providerOptions: {},
    });
    const outcome = await routeImage(deps, routed);
    expect(outcome.model).toBe('backup/vectors');
    expect(outcome.value.images).toHaveLength(1);
    expect(routed.facts.segments).toMatchObject([{ target: 'backup/vectors', outcome: 'ok' }]);
  });
});
