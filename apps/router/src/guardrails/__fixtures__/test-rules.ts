import type { z } from 'zod';
import { startFacts } from '../../facts/route-facts.ts';
import type { ActionContext } from '../apply/apply-rules.ts';
import { createPlaceholderMap } from '../apply/placeholder-map.ts';
import { type CompiledRule, compileRule } from '../policy/compile-rule.ts';
import { ruleRecordSchema } from '../policy/rule-schema.ts';

type RuleInput = z.input<ReturnType<typeof ruleRecordSchema>>[string];

/** Rules as a config would write them, validated and compiled. */
export function compiledRules(rules: Record<string, RuleInput>): CompiledRule[] {
  const parsed = ruleRecordSchema(1_000).parse(rules);
  return Object.entries(parsed).map(([name, rule]) => compileRule(name, rule, 'gateway'));
}

/** A fresh context: empty facts, a fixed hash key, no placeholders yet. */
export function actionContext(direction: 'input' | 'output'): ActionContext {
  return {
    facts: startFacts('test'),
    hashKey: new Uint8Array(32).fill(7),
    direction,
    placeholders: createPlaceholderMap(),
  };
}
