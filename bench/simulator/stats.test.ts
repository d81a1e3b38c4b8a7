import { describe, expect, it } from 'vitest';
import { checkGoals, regret } from './goals.ts';
import { type PolicySummary, percentile, type RequestResult, summarize } from './stats.ts';

const result = (overrides: Partial<RequestResult>): RequestResult => ({
  arrivedAtMs: 0,
  ok: true,
  latencyMs: 100,
  attempts: 1,
  costUsd: 0.001,
  servedBy: 0,
  ...overrides,
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarize', () => {
  const results = [
    result({ latencyMs: 300, servedBy: 1, costUsd: 0.002 }),
    result({ latencyMs: 100 }),
    result({ ok: false, latencyMs: 5_000, attempts: 6, costUsd: 0, servedBy: undefined }),
    result({ latencyMs: 200, attempts: 2, arrivedAtMs: 50 }),
  ];

  it('counts failed requests in latency, attempts and success', () => {
    const summary = summarize(results, 2);
    expect(summary.successRate).toBe(0.75);
    expect(summary.p50LatencyMs).toBe(200);
    expect(summary.p95LatencyMs).toBe(5_000);
    expect(summary.attemptsPerRequest).toBe(2.5);
    expect(summary.costPer1kUsd).toBeCloseTo(1);
    expect(summary.servedShare).toEqual([0.5, 0.25]);
  });

  it('measures success only over requests that arrived while a target was healthy', () => {
    const summary = summarize(results, 2, (at) => at === 50);
    expect(summary.successWhileHealthy).toBe(1);
  });
});

describe('goals', () => {
  const summary = (overrides: Partial<PolicySummary>): PolicySummary => ({
    requests: 1_000,
    successRate: 1,
    successWhileHealthy: 1,
    p50LatencyMs: 500,
    p95LatencyMs: 1_000,
    costPer1kUsd: 1,
    attemptsPerRequest: 1,
    servedShare: [1],
    ...overrides,
  });
  const oracle = summary({});

  it('adds excess latency, excess cost and weighted failures into regret', () => {
    expect(regret(oracle, oracle)).toBe(0);
    expect(regret(summary({ p95LatencyMs: 1_200, costPer1kUsd: 0.9 }), oracle)).toBeCloseTo(0.2);
    expect(regret(summary({ successWhileHealthy: 0.999 }), oracle)).toBeCloseTo(0.1);
  });

  it('passes and misses each goal against the thresholds and the baselines', () => {
    const subject = summary({ p95LatencyMs: 1_050, costPer1kUsd: 1.06 });
    const checks = checkGoals(subject, oracle, [
      { name: 'static', summary: summary({ p95LatencyMs: 3_000 }) },
      { name: 'tied', summary: subject },
    ]);
    expect(checks.map((check) => check.pass)).toEqual([true, true, false, true, false]);
  });
});
