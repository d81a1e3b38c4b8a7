import type { LanguageModelV4Content, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import type { RuleSet } from '../policy/rule-set.ts';
import { type ActionContext, applyRules } from './apply-rules.ts';

const hasText = (
  part: LanguageModelV4Content,
): part is Extract<LanguageModelV4Content, { type: 'text' | 'reasoning' }> =>
  part.type === 'text' || part.type === 'reasoning';

/**
 * The output check of a whole answer: its text and reasoning parts go through the output rules
 * (a block throws before anything is sent), then the input's restorable placeholders are
 * swapped back — after the check, so a client's own restored value never trips an output rule.
 */
export function guardGenerateResult(
  result: LanguageModelV4GenerateResult,
  rules: RuleSet,
  context: ActionContext,
): LanguageModelV4GenerateResult {
  const texts = result.content.filter(hasText).map((part) => part.text);
  const structured = result.structuredOutputText;
  if (structured !== undefined) texts.push(structured);
  const checked = applyRules(texts, rules, context).map((text) =>
    context.placeholders.restore(text),
  );
  let next = 0;
  const content = result.content.map((part) =>
    hasText(part) ? { ...part, text: checked[next++] as string } : part,
  );
  return structured === undefined
    ? { ...result, content }
    : { ...result, content, structuredOutputText: checked[next] as string };
}
