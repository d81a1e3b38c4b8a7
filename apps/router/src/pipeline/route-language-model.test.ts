import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CacheRequest } from '../cache/cache-decision.ts';
import { createResponseCache } from '../cache/response-cache.ts';
import { parseConfig } from '../config/index.ts';
import { startFacts } from '../facts/route-facts.ts';
import { createCircuitBreaker } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import { routeGenerate, routeStream } from './route-language-model.ts';
import type { PipelineDeps, RouteRequest } from './route-request.ts';

const config = parseConfig({
  providers: {
    mock: {
      type: 'mock',
      models: { echo: {}, down: { errorStatus: 503 }, cut: { cutAfterChunks: 2 } },
    },
    backup: { type: 'mock', models: { echo: {} } },
  },
  models: {
    chat: { targets: ['mock/down', 'backup/echo'] },
    cut: { targets: ['mock/cut', 'backup/echo'] },
    cached: { targets: ['mock/echo'], cache: { enabled: true } },
  },
  routing: {
    attemptsPerTarget: 1,
    circuitBreaker: { minRequests: 2, cooldownMs: 10_000 },
  },
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
  const request = (
    model: string,
    options: { requestKeyProviders?: string[]; cache?: CacheRequest; text?: string } = {},
  ): RouteRequest<LanguageModelV4CallOptions> => ({
    tenant: 'admin',
    principal: { kind: 'root' },
    model,
    call: { prompt: userPrompt(options.text ?? 'the quick brown fox jumps over the lazy dog') },
    controls: {},
    cache: options.cache ?? {},
    signal: new AbortController().signal,
    registry,
    requestKeyProviders: new Set(options.requestKeyProviders ?? []),
    facts: startFacts(model),
    background: (work) => {
      writes.push(work);
    },
  });
  const settled = async () => {
    while (writes.length > 0) await Promise.all(writes.splice(0));
  };
  const requests = async (targetId: string) => {
    await settled();
    return (await deps.state.health.stats([targetId])).get(targetId)?.requests;
  };
  return { deps, request, settled, requests };
}

const textOf = (parts: LanguageModelV4StreamPart[]) =>
  parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');

describe('routeGenerate', () => {
  it('fails over, and records the attempts, the serving target, its usage and health', async () => {
    const { deps, request, requests } = setup();
    const routed = request('chat');
    const outcome = await routeGenerate(deps, routed);
    expect(outcome.model).toBe('backup/echo');
    expect(routed.facts).toMatchObject({
      targets: ['mock/down', 'backup/echo'],
      attempts: [
        { target: 'mock/down', outcome: 'error', status: 503 },
        { target: 'backup/echo', outcome: 'ok' },
      ],
      served: { providerId: 'backup', modelId: 'echo' },
      segments: [{ target: 'backup/echo', outcome: 'ok' }],
      cache: { status: 'BYPASS' },
    });
    expect(routed.facts.usage).toBeDefined();
    expect(await requests('mock/down')).toBe(1);
    expect(await requests('backup/echo')).toBe(1);
  });

  it('opens the circuit of a failing target with its own counts, for an ordered alias', async () => {
    const { deps, request, settled } = setup();
    await routeGenerate(deps, request('chat'));
    await settled();
    await routeGenerate(deps, request('chat'));
    await settled();
    const third = request('chat');
    await routeGenerate(deps, third);
    expect(third.facts.skipped).toContainEqual({ target: 'mock/down', reason: 'circuit-open' });
    expect(third.facts.attempts).toEqual([
      expect.objectContaining({ target: 'backup/echo', outcome: 'ok' }),
    ]);
  });

  it("keeps a request key provider's failures out of shared health and circuits", async () => {
    const { deps, request, settled, requests } = setup();
    for (let index = 0; index < 3; index++) {
      await routeGenerate(deps, request('chat', { requestKeyProviders: ['mock'] }));
      await settled();
    }
    expect(await requests('mock/down')).toBe(0);
    expect(await deps.state.circuits.state('mock/down')).toBe('closed');
  });

  it('serves the second identical call from the cache, with no attempt', async () => {
    const { deps, request, settled } = setup();
    await routeGenerate(deps, request('cached'));
    await settled();
    const second = request('cached');
    const outcome = await routeGenerate(deps, second);
    expect(outcome.model).toBe('mock/echo');
    expect(second.facts).toMatchObject({ attempts: [], cache: { status: 'HIT' } });
  });
});

describe('routeStream', () => {
  it('continues a broken stream on the next target, with the unbroken text, per-segment facts', async () => {
    const { deps, request, requests } = setup();
    const whole = await routeGenerate(deps, request('backup/echo'));
    const routed = request('cut');
    const outcome = await routeStream(deps, routed);
    const parts = await readParts(outcome.value);
    expect(textOf(parts)).toBe(
      whole.value.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    );
    expect(parts.at(-1)?.type).toBe('finish');
    expect(routed.facts).toMatchObject({
      attempts: [
        { target: 'mock/cut', outcome: 'ok' },
        { target: 'backup/echo', outcome: 'ok' },
      ],
      segments: [
        { target: 'mock/cut', outcome: 'error', estimated: true },
        { target: 'backup/echo', outcome: 'ok' },
      ],
      served: { providerId: 'backup', modelId: 'echo' },
    });
    expect(await requests('mock/cut')).toBe(1);
    expect((await deps.state.health.stats(['mock/cut'])).get('mock/cut')?.successRate).toBe(0);
  });

  it('reports a stream the client cancelled once, as cancelled, and not against the target', async () => {
    const { deps, request, requests } = setup();
    const routed = request('backup/echo');
    const outcome = await routeStream(deps, routed);
    const reader = outcome.value.getReader();
    await reader.read();
    await reader.cancel('client left');
    expect(routed.facts.segments).toEqual([
      {
        target: 'backup/echo',
        outcome: 'cancelled',
        usage: expect.anything(),
        estimated: true,
        endMs: expect.any(Number),
      },
    ]);
    expect(await requests('backup/echo')).toBe(0);
  });
});
