import type { RoutingConfig } from '../../apps/router/src/config/routing-schema.ts';
import { createCircuitBreaker } from '../../apps/router/src/health/circuit-breaker.ts';
import { createHealthTracker } from '../../apps/router/src/health/health-tracker.ts';
import { orderCandidates } from '../../apps/router/src/routing/order-candidates.ts';
import { readCandidates, recordOutcome } from '../../apps/router/src/routing/route-state.ts';
import { createMemoryStore } from '../../apps/router/src/store/memory-store.ts';
import type { RoutedPolicyFactory } from './routed-policy.ts';

/**
 * Switchyard as the router runs an alias with `strategy: 'health'`: the real memory store,
 * health tracker, circuit breaker, `readCandidates`, `orderCandidates` and `recordOutcome`,
 * the same functions `routeCall` uses, on the simulated clock.
 */
export const switchyardPolicy =
  (routing: RoutingConfig): RoutedPolicyFactory =>
  ({ clock, random, scenario, targets }) => {
    const store = createMemoryStore({ now: clock.now });
    const state = {
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
          record(targetId, sample, attempt) {
            for (const write of recordOutcome(state, byId.get(targetId), targetId, sample, attempt))
              void write;
          },
        };
      },
    };
  };
