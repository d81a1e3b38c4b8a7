import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/index.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import type { HealthStats } from './health-sample.ts';

const window = (requests: number, successRate: number): HealthStats => ({
  requests,
  successRate,
  latencyMs: undefined,
  firstTokenMs: undefined,
  tokensPerSecond: undefined,
});

function setup() {
  let clock = 5_000_000;
  const store = createMemoryStore({ now: () => clock });
  const options = {
    store,
    failureRatio: 0.5,
    minRequests: 4,
    cooldownMs: 10_000,
    cacheTtlMs: 1_000,
    now: () => clock,
  };
  return {
    breaker: createCircuitBreaker(options),
    otherIsolate: () => createCircuitBreaker(options),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('createCircuitBreaker', () => {
  it('stays closed while failures are under the ratio or the window is too small', async () => {
    const { breaker } = setup();
    await breaker.report('a/x', 'closed', false, window(3, 0));
    await breaker.report('a/x', 'closed', false, window(10, 0.6));
    expect(await breaker.admit('a/x')).toBe('closed');
  });

  it('opens at the failure ratio, for every isolate', async () => {
    const { breaker, otherIsolate } = setup();
    await breaker.report('a/x', 'closed', false, window(4, 0.5));
    expect(await breaker.admit('a/x')).toBe('open');
    expect(await otherIsolate().admit('a/x')).toBe('open');
  });

  it('lets exactly one probe through after the cooldown', async () => {
    const { breaker, otherIsolate, advance } = setup();
    await breaker.report('a/x', 'closed', false, window(4, 0));
    advance(10_001);
    const other = otherIsolate();
    const states = await Promise.all([
      breaker.admit('a/x'),
      other.admit('a/x'),
      other.admit('a/x'),
    ]);
    expect(states.filter((state) => state === 'half-open')).toHaveLength(1);
    expect(states.filter((state) => state === 'open')).toHaveLength(2);
  });

  it('closes after a good probe and restarts its window', async () => {
    const { breaker, advance } = setup();
    await breaker.report('a/x', 'closed', false, window(4, 0));
    advance(10_001);
    expect(await breaker.admit('a/x')).toBe('half-open');
    await breaker.report('a/x', 'half-open', true, undefined);
    expect(await breaker.admit('a/x')).toBe('closed');
    expect(breaker.closedSince(['a/x', 'b/y'])).toEqual(new Map([['a/x', 5_010_001]]));
  });

  it('opens again when the probe fails', async () => {
    const { breaker, advance } = setup();
    await breaker.report('a/x', 'closed', false, window(4, 0));
    advance(10_001);
    expect(await breaker.admit('a/x')).toBe('half-open');
    await breaker.report('a/x', 'half-open', false, undefined);
    expect(await breaker.admit('a/x')).toBe('open');
  });
});
