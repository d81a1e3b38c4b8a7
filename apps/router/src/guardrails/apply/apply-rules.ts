import type { RouteFacts } from '../../facts/route-facts.ts';
import { GuardrailViolationError } from '../guardrail-violation-error.ts';
import type { Direction, RuleSet } from '../policy/rule-set.ts';
import type { PlaceholderMap } from './placeholder-map.ts';
import { recordHits } from './record-actions.ts';
import { blockingHit, findHits, type Redaction, type RuleHit, redactionsOf } from './rule-hits.ts';

/** Where the actions of one direction of one request go. */
export interface ActionContext {
  facts: RouteFacts;
  hashKey: Uint8Array;
  direction: Direction;
  placeholders: PlaceholderMap;
}

/**
 * Checks whole texts (a prompt's parts, an answer's parts) at once: an enforced block anywhere
 * records its hits and throws `GuardrailViolationError`; otherwise enforced redactions are made
 * and every hit (warn and shadow ones too) is recorded. Injection heuristics skip the texts
 * marked `operatorWritten` (system messages).
 * @example const [safe] = applyRules([text], inputRules, context);
 */
export function applyRules(
  texts: readonly string[],
  rules: RuleSet,
  context: ActionContext,
  operatorWritten: readonly boolean[] = [],
): string[] {
  if (rules.detectors.length === 0) return [...texts];
  const hitsPerText = texts.map((text, index) => {
    const hits = findHits(text, rules);
    // The operator's own system prompt may quote attacks it tells the model to refuse.
    return operatorWritten[index] === true
      ? hits.filter((hit) => hit.finding.detector.family !== 'injection')
      : hits;
  });
  const all = hitsPerText.flat();
  const block = blockingHit(all);
  if (block !== undefined) {
    // Redactions that will not happen are not recorded as done.
    const recorded = all.filter(
      (hit) => hit.rule.action !== 'redact' || hit.rule.mode !== 'enforce',
    );
    recordHits(context.facts, context.hashKey, context.direction, recorded);
    throw new GuardrailViolationError({
      rule: block.rule.name,
      detector: block.finding.detector.id,
      direction: context.direction,
    });
  }
  recordHits(context.facts, context.hashKey, context.direction, all);
  return texts.map((text, index) => {
    const hits = hitsPerText[index] as RuleHit[];
    return hits.length === 0 ? text : redact(text, redactionsOf(hits), context.placeholders);
  });
}

/** `text[from, to)` with each span in it replaced by its value's numbered placeholder. */
export function redact(
  text: string,
  redactions: readonly Redaction[],
  placeholders: PlaceholderMap,
  from = 0,
  to = text.length,
): string {
  let result = '';
  let position = from;
  for (const { start, end, label, restore } of redactions) {
    if (start < from || end > to) continue;
    result += text.slice(position, start);
    result += placeholders.placeholderFor(text.slice(start, end), label, restore);
    position = end;
  }
  return result + text.slice(position, to);
}
