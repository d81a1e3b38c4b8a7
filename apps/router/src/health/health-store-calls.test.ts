import { describe, expect, it } from 'vitest';
import { startFacts } from '../facts/route-facts.ts';
import { createAttemptRecorder, recordAnswer } from '../routing/record-attempt.ts';
import { type RouteState, readCandidates } from '../routing/route-state.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { createControlledStore } from '../store/controlled-store.ts';
import { guardStore } from '../store/index.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { createCounterBatch } from './counter-batch.ts';
import { createHealthTracker } from './health-tracker.ts';

const targets = [parseTarget('a/one'), parseTarget('b/two')] as Target[];

/** The router's wiring (`createApp`): tracker and breaker share one batch over one store. */
function setup() {
  let clock = 1_000_000;
  const controlled = createControlledStore('answer');
  const store = guardStore(controlled.store, { timeBudgetMs: 1_000 });
  const now = () => clock;
  const counters = createCounterBatch({ store, now });
  const state: RouteState = {
    health: createHealthTracker({ store, counters, now }),
    circuits: createCircuitBreaker({ store, counters, now }),
  };
  const writes: Promise<unknown>[] = [];
  /** One request: read the candidates as `planRoute` does, answer from the first. */
  async function answer(target: Target) {
    await readCandidates(state, targets, { withStats: true });
    const record = createAttemptRecorder({
      state,
      facts: startFacts('chat'),
      background: (write) => writes.push(write),
      requestKeyProviders: new Set(),
      price: () => undefined,
      promptChars: () => 0,
    });
    recordAnswer(record, { target, durationMs: 120 }, { generationMs: 100 });
  }
  const count = (operation: string) => controlled.calls.filter((call) => call === operation).length;
  return {
    state,
    store,
    now,
    answer,
    settled: () => Promise.all(writes.splice(0)),
    counters,
    /** Store calls that wrote health or circuit counts. */
    writeCalls: () => count('incrementFields') + count('runScript'),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('health and circuit writes', () => {
  it('answer 1,000 requests with far fewer store writes than two per request', async () => {
    const { answer, settled, writeCalls, advance, state } = setup();
    // 100 requests a second for 10 seconds, alternating between two targets.
    for (let index = 0; index < 1_000; index++) {
      await answer(targets[index % 2] as Target);
      advance(10);
    }
    await settled();
    // One write per flush interval (1 s) for both targets and both kinds, not 2,000.
    expect(writeCalls()).toBeLessThanOrEqual(11);
    const stats = await state.health.stats(targets.map((target) => target.id));
    expect([...stats.values()].map((window) => window.requests)).toEqual([500, 500]);
  });

  it('has written every count once the batch is flushed', async () => {
    const { answer, settled, counters, advance, store, now } = setup();
    for (let index = 0; index < 300; index++) {
      await answer(targets[0] as Target);
      advance(10);
    }
    await settled();
    await counters.flush();
    // Another isolate, with nothing of its own, reads all 300 from the store.
    const other = createHealthTracker({ store, now });
    expect((await other.stats(['a/one'])).get('a/one')?.requests).toBe(300);
  });
});
