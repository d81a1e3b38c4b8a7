import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import { failureOutcome, type RouteState, readCandidates } from './route-state.ts';
import { parseTarget, type Target } from './target.ts';

function setup(): RouteState {
  const store = guardStore(createMemoryStore(), { timeBudgetMs: 1_000 });
  return {
    health: createHealthTracker({ store }),
    circuits: createCircuitBreaker({ store, minRequests: 2 }),
  };
}

const target = parseTarget('a/model') as Target;

describe('failureOutcome', () => {
  it.each([
    ['a 503', 503, undefined],
    ['a timeout', 504, 'upstream_timeout'],
    ['an unreachable provider', undefined, 'upstream_unreachable'],
    ['refused gateway credentials (401)', 401, 'upstream_authentication_failed'],
    ['refused gateway credentials (403)', 403, 'upstream_authentication_failed'],
    ['an upstream request timeout (408)', 408, undefined],
    ['a stream that broke off', undefined, 'stream_interrupted'],
  ])('counts %s against the target', (_, status, code) => {
    expect(failureOutcome(status, code)).toBe('failed');
  });

  it.each([
    ['a 429', 429, undefined],
    ['a rejected request', 400, 'upstream_400'],
    ['a prompt over the context window', 400, 'context_length_exceeded'],
    ['an unsupported parameter', 400, 'unsupported_parameter'],
    ['a request the provider package refused', 400, 'unsupported_by_provider'],
    ["a refused request key, even as the provider's 401", 401, 'provider_key_rejected'],
  ])('does not count %s against the target', (_, status, code) => {
    expect(failureOutcome(status, code)).toBe('neutral');
  });
});

describe('readCandidates', () => {
  it('reads circuit states always and health windows only when asked', async () => {
    const state = setup();
    await state.health.record(target.id, { ok: true, latencyMs: 5 });
    const [plain] = await readCandidates(state, [target], { withStats: false });
    expect(plain).toMatchObject({ circuit: 'closed', stats: undefined, price: undefined });
    const [full] = await readCandidates(state, [target], {
      withStats: true,
      priceOf: () => ({ input: 1, output: 2 }),
    });
    expect(full).toMatchObject({
      stats: { requests: 1, successRate: 1 },
      price: { input: 1, output: 2 },
    });
  });

  it("reports each target's circuit, in the order of the targets", async () => {
    const state = setup();
    const other = parseTarget('b/model') as Target;
    await state.circuits.report(other.id, 'failed');
    await state.circuits.report(other.id, 'failed');
    const candidates = await readCandidates(state, [target, other], { withStats: false });
    expect(candidates.map((candidate) => [candidate.target.id, candidate.circuit])).toEqual([
      ['a/model', 'closed'],
      ['b/model', 'open'],
    ]);
  });
});
