import { describe, expect, it } from 'vitest';
import { routingSchema } from '../../apps/router/src/config/routing-schema.ts';
import type { ProviderProfile } from './providers.ts';
import { staticOrderPolicy } from './routed-policy.ts';
import { runRouted } from './run-routed.ts';
import { scriptScenario } from './scenarios.ts';
import { switchyardPolicy } from './switchyard-policy.ts';

const profile = (id: string, p50: number): ProviderProfile => ({
  id,
  price: { input: 1, output: 1 },
  latencyMs: { p50, p95: p50 * 1.5 },
  errorRate: 0,
  rateLimitPerSecond: 1_000,
});
const routing = routingSchema.parse({ backoff: { baseMs: 100, maxMs: 100 } });

describe('runRouted', () => {
  it('fails over from a down primary after its tries, counting their time', async () => {
    const scenario = scriptScenario({
      name: 'down',
      description: 'primary down',
      durationMs: 20_000,
      requestsPerSecond: 5,
      profiles: [profile('a/m', 400), profile('b/m', 400)],
      events: [{ target: 0, fromMs: 0, change: (s) => ({ ...s, down: true }) }],
    });
    const results = await runRouted(scenario, staticOrderPolicy(routing), 42);
    expect(results.length).toBeGreaterThan(50);
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, attempts: 3, servedBy: 1 });
      expect(result.latencyMs).toBeGreaterThan(150);
    }
  });

  it('times out a hung target in virtual time and moves on without retrying it', async () => {
    const scenario = scriptScenario({
      name: 'hung',
      description: 'primary never answers within the attempt timeout',
      durationMs: 5_000,
      requestsPerSecond: 2,
      profiles: [profile('slow/m', 600_000), profile('fast/m', 300)],
      events: [],
    });
    const started = performance.now();
    const results = await runRouted(scenario, staticOrderPolicy(routing), 42);
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, attempts: 2, servedBy: 1 });
      expect(result.latencyMs).toBeGreaterThanOrEqual(routing.attemptTimeoutMs);
    }
  });

  it('lets Switchyard learn to avoid a failing primary', async () => {
    const scenario = scriptScenario({
      name: 'learn',
      description: 'primary down from the start',
      durationMs: 120_000,
      requestsPerSecond: 10,
      profiles: [profile('a/m', 400), profile('b/m', 400)],
      events: [{ target: 0, fromMs: 0, change: (s) => ({ ...s, down: true }) }],
    });
    const results = await runRouted(scenario, switchyardPolicy(routing), 42);
    const late = results.filter((result) => result.arrivedAtMs > 60_000);
    expect(late.every((result) => result.ok)).toBe(true);
    const direct = late.filter((result) => result.attempts === 1).length / late.length;
    expect(direct).toBeGreaterThan(0.95);
  });
});
