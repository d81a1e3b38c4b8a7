import type { GuardrailAction, RouteFacts } from '../facts/route-facts.ts';

/** Most guardrail entries one record keeps. */
const maxEntries = 50;

/**
 * The guardrail actions noted on the request (rule, direction, action, mode, counts and hashes;
 * never matched text), or undefined when there were none.
 * @example guardrailActions(facts) // [{ rule: 'secrets', action: 'redact', count: 2, ... }]
 */
export function guardrailActions(facts: RouteFacts): GuardrailAction[] | undefined {
  const actions = facts.guardrails;
  return actions === undefined || actions.length === 0 ? undefined : actions.slice(0, maxEntries);
}

/**
 * How many guardrail actions a request took: one per rule and direction that found something,
 * shadow ones included (they are what enforcing would have done).
 * @example countGuardrailActions(facts) // 2
 */
export function countGuardrailActions(facts: RouteFacts): number {
  return facts.guardrails?.length ?? 0;
}
