import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createResponseCache } from '../cache/response-cache.ts';
import { parseConfig } from '../config/index.ts';
import { startFacts } from '../facts/route-facts.ts';
import { createCircuitBreaker } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { userPrompt } from '../providers/mock/test-support.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';
import type { RequestControls } from '../routing/request-controls.ts';
import { createControlledStore } from '../store/controlled-store.ts';
import { guardStore } from '../store/index.ts';
import { planRoute } from './plan-route.ts';
import type { PipelineDeps, RouteRequest } from './route-request.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { one: {}, two: {}, three: {} } },
    openai: { type: 'openai', apiKey: 'sk-never-used' },
  },
  models: {
    chat: { targets: ['mock/one', 'mock/two', 'mock/three'] },
    pricey: { targets: ['openai/gpt-4o', 'openai/gpt-4.1'] },
  },
  routing: { maxCandidates: 2, circuitBreaker: { minRequests: 2, cooldownMs: 10_000 } },
});

function setup() {
  let clock = 1_000_000;
  const controlled = createControlledStore('answer');
  const store = guardStore(controlled.store, { timeBudgetMs: 1_000 });
  const deps: PipelineDeps = {
    config,
    state: {
      health: createHealthTracker({ store, now: () => clock }),
      circuits: createCircuitBreaker({ store, ...config.routing.circuitBreaker, now: () => clock }),
    },
    cache: createResponseCache({ store, maxEntryBytes: 100_000 }),
  };
  const registry = createProviderRegistry(config, { env: {} });
  const request = (
    model: string,
    controls: RequestControls = {},
  ): RouteRequest<LanguageModelV4CallOptions> => ({
    tenant: 'admin',
    principal: { kind: 'root' },
    model,
    call: { prompt: userPrompt('hi') },
    controls,
    cache: {},
    signal: new AbortController().signal,
    registry,
    requestKeyProviders: new Set(),
    facts: startFacts(model),
    background: () => undefined,
  });
  /** Opens the circuit of `target`, then lets its cooldown pass. */
  const halfOpen = async (target: string) => {
    await deps.state.circuits.report(target, 'failed');
    await deps.state.circuits.report(target, 'failed');
    clock += 10_001;
  };
  return { deps, request, controlled, halfOpen };
}

describe('planRoute', () => {
  it('orders the targets and writes the decision into the route facts', async () => {
    const { deps, request } = setup();
    const routed = request('chat');
    const plan = await planRoute(deps, routed);
    expect(plan.targets.map((target) => target.id)).toEqual(['mock/one', 'mock/two']);
    expect(routed.facts).toMatchObject({
      requested: 'chat',
      alias: 'chat',
      reason: 'ordered',
      targets: ['mock/one', 'mock/two'],
      skipped: [{ target: 'mock/three', reason: 'candidate-cap' }],
    });
  });

  it('refuses an invalid model id before any store read', async () => {
    const { deps, request, controlled } = setup();
    await expect(planRoute(deps, request('mock/../one'))).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalid_model_id',
    });
    await expect(planRoute(deps, request('chat', { models: ['bad id'] }))).rejects.toMatchObject({
      code: 'invalid_model_id',
      param: 'models[0]',
    });
    expect(controlled.calls).toEqual([]);
  });

  it('skips an open circuit and says so', async () => {
    const { deps, request } = setup();
    await deps.state.circuits.report('mock/one', 'failed');
    await deps.state.circuits.report('mock/one', 'failed');
    const routed = request('chat');
    const plan = await planRoute(deps, routed);
    expect(plan.targets.map((target) => target.id)).toEqual(['mock/two']);
    expect(routed.facts.skipped).toContainEqual({ target: 'mock/one', reason: 'circuit-open' });
  });

  it('admits a closed target without a probe', async () => {
    const { deps, request } = setup();
    const plan = await planRoute(deps, request('chat'));
    expect(await plan.admit(plan.targets[0] ?? never())).toEqual({ admitted: true });
  });

  it('puts a half-open target first and gives its probe to one request only', async () => {
    const { deps, request, halfOpen } = setup();
    await halfOpen('mock/two');
    const first = request('chat');
    const second = request('chat');
    const [planA, planB] = await Promise.all([planRoute(deps, first), planRoute(deps, second)]);
    expect(planA.targets[0]?.id).toBe('mock/two');
    const probing = planA.targets[0] ?? never();
    const [admittedA, admittedB] = await Promise.all([planA.admit(probing), planB.admit(probing)]);
    const admissions = [admittedA, admittedB];
    expect(admissions.filter((admission) => admission.admitted)).toHaveLength(1);
    expect(admissions.find((admission) => admission.admitted)).toMatchObject({
      probe: { targetId: 'mock/two', token: expect.any(String) },
    });
    const turnedAway = admittedA.admitted ? second : first;
    expect(turnedAway.facts.skipped).toContainEqual({
      target: 'mock/two',
      reason: 'circuit-probing',
    });
  });

  it("orders by the config's catalog prices where it sets them", async () => {
    const { deps, request } = setup();
    const priced = parseConfig({
      providers: { mock: { type: 'mock', models: { one: {}, two: {} } } },
      models: { chat: { targets: ['mock/one', 'mock/two'] } },
      catalog: {
        'mock/one': { pricing: { input: 5, output: 15 } },
        'mock/two': { pricing: { input: 0.1, output: 0.4 } },
      },
    });
    const plan = await planRoute({ ...deps, config: priced }, request('chat:floor'));
    expect(plan.targets.map((target) => target.id)).toEqual(['mock/two', 'mock/one']);
    const capped = request('chat', { provider: { max_price: { prompt: 1 } } });
    const cheap = await planRoute({ ...deps, config: priced }, capped);
    expect(cheap.targets.map((target) => target.id)).toEqual(['mock/two']);
  });

  it('answers 400 when every target is over max_price, not an outage', async () => {
    const { deps, request } = setup();
    const routed = request('pricey', { provider: { max_price: { prompt: 0.01 } } });
    const planned = planRoute(deps, routed).then((plan) => plan.targets);
    await expect(planned).rejects.toMatchObject({ statusCode: 400, code: 'no_target' });
  });
});

function never(): never {
  throw new Error('expected a target');
}
