import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { generateWithFailover } from '../../apps/router/src/routing/generate-with-failover.ts';
import { recordAnswer } from '../../apps/router/src/routing/record-attempt.ts';
import { parseTarget, type Target } from '../../apps/router/src/routing/target.ts';
import { createRandom } from './prng.ts';
import { requestCost } from './providers.ts';
import { arrivalTimes } from './request-stream.ts';
import type { RoutedPolicyFactory } from './routed-policy.ts';
import type { Scenario } from './scenarios.ts';
import { createSimulatedFleet } from './simulated-fleet.ts';
import { createSimulatedRegistry, requestHeader } from './simulated-registry.ts';
import type { RequestResult } from './stats.ts';
import { createVirtualClock } from './virtual-clock.ts';

export const targetsOf = (scenario: Scenario): Target[] =>
  scenario.profiles.map((profile) => {
    const target = parseTarget(profile.id);
    if (target === undefined) throw new Error(`bad target id ${profile.id}`);
    return target;
  });

/**
 * Runs one policy over a scenario's request stream in virtual time. Every request goes
 * through the router's real attempt loop (`generateWithFailover`: tries per target, backoff
 * with jitter, Retry-After, deadlines) against simulated providers; many are in flight at once.
 */
export async function runRouted(
  scenario: Scenario,
  makePolicy: RoutedPolicyFactory,
  seed: number,
): Promise<RequestResult[]> {
  const clock = createVirtualClock();
  const random = createRandom(seed ^ 0x5eed);
  const targets = targetsOf(scenario);
  const indexOf = new Map(targets.map((target, index) => [target.id, index]));
  const registry = createSimulatedRegistry(createSimulatedFleet(scenario, seed), clock, targets);
  const policy = makePolicy({ clock, random, scenario, targets });
  const arrivals = arrivalTimes(scenario, seed);
  const results: RequestResult[] = new Array(arrivals.length);

  async function serve(request: number): Promise<RequestResult> {
    const arrivedAtMs = clock.now();
    const decision = await policy.decide(request);
    let attempts = 0;
    const result: RequestResult = {
      arrivedAtMs,
      ok: false,
      latencyMs: 0,
      attempts: 0,
      costUsd: 0,
      servedBy: undefined,
    };
    try {
      const served = await generateWithFailover(decision.targets, callOptions(request), {
        registry,
        policy: policy.routing,
        now: clock.now,
        random,
        admit: decision.admit,
        onFailure(target, error, durationMs, probe) {
          attempts++;
          decision.record?.(target, { kind: 'failed', error, durationMs, probe });
        },
      });
      attempts++;
      // As routeGenerate: the answer opens and ends one segment, with its usage and probe.
      if (decision.record !== undefined) {
        recordAnswer(decision.record, served, {
          usage: served.value.usage,
          generationMs: served.durationMs,
        });
      }
      const index = indexOf.get(served.target.id);
      result.ok = true;
      result.servedBy = index;
      if (index !== undefined)
        result.costUsd = requestCost(scenario.stateAt(index, arrivedAtMs).price);
    } catch {
      // A failed request: counted below with its time spent.
    }
    registry.release(request);
    result.attempts = attempts;
    result.latencyMs = clock.now() - arrivedAtMs;
    return result;
  }

  const uninstall = clock.install();
  try {
    let next = 0;
    const arrive = () => {
      const request = next++;
      void serve(request).then((result) => {
        results[request] = result;
      });
      const at = arrivals[next];
      if (at !== undefined) clock.schedule(at, arrive);
    };
    const first = arrivals[0];
    if (first !== undefined) clock.schedule(first, arrive);
    await clock.run();
  } finally {
    uninstall();
  }
  return results;
}

const callOptions = (request: number): LanguageModelV4CallOptions => ({
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  headers: { [requestHeader]: String(request) },
});
