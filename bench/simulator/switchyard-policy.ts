import type { RoutingConfig } from '../../apps/router/src/config/routing-schema.ts';
import { startFacts } from '../../apps/router/src/facts/route-facts.ts';
import { createCircuitBreaker } from '../../apps/router/src/health/circuit-breaker.ts';
import { createHealthTracker } from '../../apps/router/src/health/health-tracker.ts';
import { orderCandidates } from '../../apps/router/src/routing/order-candidates.ts';
import { createAttemptRecorder } from '../../apps/router/src/routing/record-attempt.ts';
import { type RouteState, readCandidates } from '../../apps/router/src/routing/route-state.ts';
import { createMemoryStore, guardStore } from '../../apps/router/src/store/index.ts';
import type { RoutedPolicyFactory } from './routed-policy.ts';

/** The router's default store time budget (`store.timeBudgetMs`); the memory store never nears it. */
const storeTimeBudgetMs = 150;
const noProviders: ReadonlySet<string> = new Set();

/**
 * Switchyard as the router runs an alias with `strategy: 'health'`: the real memory store behind
 * `guardStore`, the health tracker, the circuit breaker, `readCandidates` and `orderCandidates`,
 * a probe taken before a half-open target's first try (as `planRoute`'s `admit`), and
 * `createAttemptRecorder` for every outcome (as the pipeline), all on the simulated clock.
 */
export const switchyardPolicy =
  (routing: RoutingConfig): RoutedPolicyFactory =>
  ({ clock, random, scenario, targets }) => {
    const store = guardStore(createMemoryStore({ now: clock.now }), {
      timeBudgetMs: storeTimeBudgetMs,
      now: clock.now,
    });
    const state: RouteState = {
      health: createHealthTracker({ store, windowMs: routing.health.windowMs, now: clock.now }),
      circuits: createCircuitBreaker({ store, ...routing.circuitBreaker, now: clock.now }),
    };
    return {
      routing,
      async decide() {
        const at = clock.now();
        const candidates = await readCandidates(state, targets, {
          withStats: true,
          // The catalog's list price; here the scenario's current one (a catalog kept fresh).
          priceOf: (target) => scenario.stateAt(targets.indexOf(target), at).price,
        });
        const ordered = orderCandidates(
          candidates,
          { strategy: 'health' },
          routing.health,
          undefined,
          random,
        ).candidates;
        const byId = new Map(ordered.map((candidate) => [candidate.target.id, candidate]));
        return {
          targets: ordered.map((candidate) => candidate.target),
          async admit(target) {
            if (byId.get(target.id)?.circuit !== 'half-open') return { admitted: true };
            const probe = await state.circuits.acquireProbe(target.id);
            return probe === undefined ? { admitted: false } : { admitted: true, probe };
          },
          record: createAttemptRecorder({
            state,
            // The decision's facts (headers, log) are the router's business, not the simulator's.
            facts: startFacts('simulated'),
            background: (write) => {
              void write;
            },
            requestKeyProviders: noProviders,
            price: () => undefined,
            promptChars: () => 0,
          }),
        };
      },
    };
  };
