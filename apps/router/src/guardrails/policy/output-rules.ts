import type { CompiledRule } from './compile-rule.ts';
import { type RuleSet, ruleSetFor } from './rule-set.ts';

/** The output rules of a request, split by what they make a stream do. */
export interface OutputRules {
  /** Enforced block and redact rules. */
  acting: RuleSet;
  /** Warn and shadow rules: recorded at the end. */
  observing: RuleSet;
  /** Both: what a held answer is checked against. */
  all: RuleSet;
}

/** Splits a request's rules into the output sets (input-only rules are left out). */
export function outputRulesOf(rules: readonly CompiledRule[]): OutputRules {
  const output = rules.filter((rule) => rule.output);
  const acting = output.filter((rule) => rule.mode === 'enforce' && rule.action !== 'warn');
  return {
    acting: ruleSetFor(acting, 'output'),
    observing: ruleSetFor(
      output.filter((rule) => !acting.includes(rule)),
      'output',
    ),
    all: ruleSetFor(output, 'output'),
  };
}
