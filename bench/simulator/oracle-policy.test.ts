import { describe, expect, it } from 'vitest';
import { chooseOracleTarget, runOracle } from './oracle-policy.ts';
import type { ProviderProfile } from './providers.ts';
import { scriptScenario } from './scenarios.ts';

const profile = (id: string, price: number, p50: number): ProviderProfile => ({
  id,
  price: { input: price, output: price },
  latencyMs: { p50, p95: p50 * 2 },
  errorRate: 0,
  rateLimitPerSecond: 1_000,
});

const scenarioWith = (profiles: ProviderProfile[], events = []) =>
  scriptScenario({
    name: 'oracle',
    description: 'oracle test',
    durationMs: 60_000,
    requestsPerSecond: 10,
    profiles,
    events,
  });

describe('chooseOracleTarget', () => {
  const scenario = scenarioWith([
    profile('a/m', 1, 500),
    profile('b/m', 0.5, 900),
    profile('c/m', 0.5, 300),
    profile('d/m', 2, 100),
  ]);

  it('picks the cheapest target, the faster one on equal cost', () => {
    expect(chooseOracleTarget(scenario, 0, () => true)).toBe(2);
  });

  it('skips targets whose attempt would fail', () => {
    expect(chooseOracleTarget(scenario, 0, (target) => target !== 2)).toBe(1);
  });

  it('is undefined when no attempt would succeed', () => {
    expect(chooseOracleTarget(scenario, 0, () => false)).toBeUndefined();
  });

  it('prefers a healthy target to a cheaper one in a brown-out', () => {
    const brownOut = scriptScenario({
      name: 'brown',
      description: 'cheapest browned out',
      durationMs: 60_000,
      requestsPerSecond: 10,
      profiles: [profile('a/m', 1, 500), profile('b/m', 0.5, 500)],
      events: [{ target: 1, fromMs: 0, change: (s) => ({ ...s, errorRate: 0.3 }) }],
    });
    expect(chooseOracleTarget(brownOut, 0, () => true)).toBe(0);
    // Only the unhealthy target would answer: better than failing.
    expect(chooseOracleTarget(brownOut, 0, (target) => target === 1)).toBe(1);
  });
});

describe('runOracle', () => {
  it('serves every request from the cheapest live target while the others are down', () => {
    const scenario = scriptScenario({
      name: 'down',
      description: 'cheapest down',
      durationMs: 60_000,
      requestsPerSecond: 10,
      profiles: [profile('cheap/m', 0.1, 500), profile('dear/m', 1, 500)],
      events: [{ target: 0, fromMs: 30_000, change: (s) => ({ ...s, down: true }) }],
    });
    const results = runOracle(scenario, 42);
    expect(results.every((result) => result.ok && result.attempts === 1)).toBe(true);
    for (const result of results) {
      expect(result.servedBy).toBe(result.arrivedAtMs < 30_000 ? 0 : 1);
    }
  });

  it('spills over to the next cheapest target above a rate limit', () => {
    const limited = { ...profile('cheap/m', 0.1, 500), rateLimitPerSecond: 4 };
    const results = runOracle(scenarioWith([limited, profile('dear/m', 1, 500)]), 42);
    const cheapShare = results.filter((result) => result.servedBy === 0).length / results.length;
    expect(cheapShare).toBeGreaterThan(0.3);
    expect(cheapShare).toBeLessThan(0.45);
  });
});
