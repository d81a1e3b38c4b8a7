import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { startFacts } from '../../facts/route-facts.ts';
import { guardStore } from '../../store/guarded-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import { admit } from '../admission.ts';
import { writeHash } from '../script-test-stores.ts';
import { governanceKeys } from '../store-keys.ts';
import { settleRequest } from './settle-request.ts';

const now = Date.UTC(2026, 11, 6, 12);
const config = parseConfig({ providers: { mock: { type: 'mock', models: { echo: {} } } } });

afterEach(() => {
  vi.useRealTimers();
});

describe('settleRequest', () => {
  it('keeps trying past the store breaker until the settlement lands', async () => {
    vi.useFakeTimers({ now });
    const inner = createMemoryStore({ now: () => now });
    let outage = true;
    const flaky: Store = {
      ...inner,
      runScript: (script, keys, args) =>
        outage
          ? Promise.reject(new Error('connection refused'))
          : inner.runScript(script, keys, args),
    };
    const store = guardStore(flaky, { timeBudgetMs: 1_000, now: Date.now });
    await writeHash(guardStore(inner, { timeBudgetMs: 1_000 }), governanceKeys.key('h'), {
      version: '1',
      disabled: '0',
      expires_at: '',
    });
    outage = false;
    const decision = await admit(store, {
      scopes: [
        {
          ref: { kind: 'key', id: 'h' },
          limits: {},
          record: { storeKey: governanceKeys.key('h'), version: '1' },
        },
      ],
      reservationId: 'r1',
      estimateNanos: 1_000,
      estimateTokens: 10,
      now,
      deadline: now + 600_000,
    });
    if (decision.status !== 'admitted') throw new Error(decision.status);
    outage = true;
    const facts = startFacts('mock/echo');
    facts.cost = { total: 4e-7, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, currency: 'USD' };
    const governance = {
      store,
      reload: async () => ({ status: 'absent' as const }),
      now: Date.now,
    };
    const settled = settleRequest(
      config,
      governance,
      { targets: [], scopes: [], reservation: decision.reservation },
      facts,
    );
    // The store stays down for two seconds, longer than one retry waits.
    await vi.advanceTimersByTimeAsync(2_000);
    outage = false;
    await vi.advanceTimersByTimeAsync(30_000);
    await settled;
    expect(await inner.get(governanceKeys.spend('k:h', 'all'))).toBe('400');
  });
});
