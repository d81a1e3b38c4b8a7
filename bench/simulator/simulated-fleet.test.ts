import { describe, expect, it } from 'vitest';
import type { ProviderProfile } from './providers.ts';
import { scriptScenario } from './scenarios.ts';
import { createSimulatedFleet } from './simulated-fleet.ts';

const profile: ProviderProfile = {
  id: 'p/m',
  price: { input: 1, output: 1 },
  latencyMs: { p50: 500, p95: 1_000 },
  errorRate: 0.1,
  rateLimitPerSecond: 3,
};
const scenario = scriptScenario({
  name: 'fleet',
  description: 'one target, down after a minute',
  durationMs: 120_000,
  requestsPerSecond: 1,
  profiles: [profile],
  events: [{ target: 0, fromMs: 60_000, change: (s) => ({ ...s, down: true }) }],
});

describe('createSimulatedFleet', () => {
  it('gives every policy the same luck for the same request, target and try', () => {
    const first = createSimulatedFleet(scenario, 42);
    const second = createSimulatedFleet(scenario, 42);
    for (let request = 0; request < 50; request++) {
      const key = { target: 0, request, tryIndex: 0 };
      expect(second.attempt(key, request * 1_000)).toEqual(first.attempt(key, request * 1_000));
    }
  });

  it('fails at about the profile error rate', () => {
    const fleet = createSimulatedFleet(scenario, 1);
    const outcomes = Array.from({ length: 5_000 }, (_, request) =>
      fleet.preview({ target: 0, request, tryIndex: 0 }, 0),
    );
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed.length / outcomes.length).toBeCloseTo(0.1, 1);
    expect(failed.every((outcome) => outcome.status === 500)).toBe(true);
  });

  it('answers 429 with Retry-After above the rate limit, and counts only admitted attempts', () => {
    const fleet = createSimulatedFleet(scenario, 42);
    const statuses = Array.from({ length: 5 }, (_, request) => {
      const outcome = fleet.attempt({ target: 0, request: request + 1_000, tryIndex: 9 }, 100);
      return outcome.status === 429 ? 429 : 'admitted';
    });
    expect(statuses.filter((status) => status === 'admitted').length).toBe(3);
    expect(fleet.attempt({ target: 0, request: 7, tryIndex: 9 }, 100).retryAfterMs).toBe(1_000);
    expect(fleet.preview({ target: 0, request: 8, tryIndex: 9 }, 1_101).status).not.toBe(429);
  });

  it('refuses every attempt quickly while the target is down', () => {
    const fleet = createSimulatedFleet(scenario, 42);
    const outcome = fleet.preview({ target: 0, request: 1, tryIndex: 0 }, 61_000);
    expect(outcome).toMatchObject({ ok: false, status: 503 });
    expect(outcome.latencyMs).toBeLessThan(1_000);
  });
});
