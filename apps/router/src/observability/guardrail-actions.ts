import type { RouteFacts } from '../facts/route-facts.ts';

/** Most guardrail entries one record keeps. */
const maxEntries = 50;

/**
 * The guardrail actions the guardrails stage noted on the facts (a list of actions, or an object
 * with one), or undefined when it noted none. Read defensively: the record never fails on them.
 * @example guardrailActions(facts) // [{ rule: 'secrets', action: 'redact', count: 2 }]
 */
export function guardrailActions(facts: RouteFacts): unknown[] | undefined {
  const noted = (facts as RouteFacts & { guardrails?: unknown }).guardrails;
  const list = Array.isArray(noted) ? noted : actionsOf(noted);
  return list === undefined || list.length === 0 ? undefined : list.slice(0, maxEntries);
}

/**
 * How many actions the entries stand for: each entry's `count` when it has one, else one.
 * @example countGuardrailActions([{ action: 'redact', count: 2 }, { action: 'warn' }]) // 3
 */
export function countGuardrailActions(entries: readonly unknown[] | undefined): number {
  let total = 0;
  for (const entry of entries ?? []) {
    const count = isObject(entry) ? entry.count : undefined;
    total += typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 1;
  }
  return total;
}

function actionsOf(noted: unknown): unknown[] | undefined {
  if (!isObject(noted)) return undefined;
  const actions = noted.actions;
  return Array.isArray(actions) ? actions : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
