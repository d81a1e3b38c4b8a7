import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { createMemoryStore } from '../store/index.ts';
import { readCandidates, recordOutcome } from './route-state.ts';
import { parseTarget, type Target } from './target.ts';

function setup() {
  const store = createMemoryStore();
  return { health: createHealthTracker({ store }), circuits: createCircuitBreaker({ store }) };
}

const target = parseTarget('a/model') as Target;
const failed = { ok: false, latencyMs: 10 };

describe('recordOutcome', () => {
  it.each([
    ['a 503', { status: 503 }],
    ['a timeout', { status: 504, code: 'upstream_timeout' }],
    ['an unreachable provider', { code: 'upstream_unreachable' }],
    ['refused credentials', { status: 401 }],
  ])('counts %s against the target', async (_, failure) => {
    const state = setup();
    await Promise.all(recordOutcome(state, undefined, target.id, failed, failure));
    expect((await state.health.stats([target.id])).get(target.id)).toMatchObject({
      requests: 1,
      successRate: 0,
    });
  });

  it.each([
    ['a 429', { status: 429 }],
    ['a rejected request', { status: 400 }],
    ['a prompt over the context window', { status: 400, code: 'context_length_exceeded' }],
    ['an unsupported parameter', { code: 'unsupported_parameter' }],
  ])('does not count %s against the target', async (_, failure) => {
    const state = setup();
    expect(recordOutcome(state, undefined, target.id, failed, failure)).toEqual([]);
    expect((await state.health.stats([target.id])).get(target.id)?.requests).toBe(0);
  });

  it('reads circuit states always and health windows only when asked', async () => {
    const state = setup();
    await Promise.all(recordOutcome(state, undefined, target.id, { ok: true, latencyMs: 5 }));
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
});
