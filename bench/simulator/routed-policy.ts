import type { RoutingConfig } from '../../apps/router/src/config/routing-schema.ts';
import type { Admission } from '../../apps/router/src/routing/call-with-failover.ts';
import type { RecordAttempt } from '../../apps/router/src/routing/record-attempt.ts';
import type { Target } from '../../apps/router/src/routing/target.ts';
import type { Random } from './prng.ts';
import type { Scenario } from './scenarios.ts';
import type { VirtualClock } from './virtual-clock.ts';

/** What a policy works with in one run. */
export interface PolicyContext {
  clock: VirtualClock;
  random: Random;
  scenario: Scenario;
  /** The alias' targets in configured order. */
  targets: Target[];
}

/** A request's order of targets, and where its attempts' outcomes go. */
export interface RouteDecision {
  targets: Target[];
  /** Asked before each target's first try (a half-open target's probe); admitted when omitted. */
  admit?: (target: Target) => Promise<Admission>;
  /** The request's attempt recorder, fed every failure and the answer, as the router feeds it. */
  record?: RecordAttempt;
}

/** A policy the router's real attempt loop (`generateWithFailover`) runs. */
export interface RoutedPolicy {
  /** Retries, backoff and timeouts of the attempt loop. */
  routing: RoutingConfig;
  decide(request: number): Promise<RouteDecision>;
}

export type RoutedPolicyFactory = (context: PolicyContext) => RoutedPolicy;

/** Baseline: always the configured order; same retries and failover, no health, no breaker. */
export const staticOrderPolicy =
  (routing: RoutingConfig): RoutedPolicyFactory =>
  ({ targets }) => ({
    routing,
    decide: async () => ({ targets }),
  });

/** Baseline: request n starts at target n mod N, then the others in configured order. */
export const roundRobinPolicy =
  (routing: RoutingConfig): RoutedPolicyFactory =>
  ({ targets }) => ({
    routing,
    async decide(request) {
      const first = targets[request % targets.length];
      if (first === undefined) return { targets };
      return { targets: [first, ...targets.filter((target) => target !== first)] };
    },
  });
