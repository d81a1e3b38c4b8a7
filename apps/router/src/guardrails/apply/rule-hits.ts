import type { Finding } from '../detectors/detector.ts';
import type { CompiledRule } from '../policy/compile-rule.ts';
import type { RuleSet } from '../policy/rule-set.ts';
import { scanText } from '../scan/scan-text.ts';

/** One rule's finding: a detector of the rule matched. */
export interface RuleHit {
  rule: CompiledRule;
  finding: Finding;
}

/** A span to replace with a placeholder: overlapping findings merged into one. */
export interface Redaction {
  start: number;
  end: number;
  label: string;
  /** Every rule behind it asked for `restore`. */
  restore: boolean;
}

/**
 * Every rule hit in `text` that starts in `[from, to)`; each detector runs once.
 * @example findHits('key sk-…', outputRules)
 */
export function findHits(text: string, rules: RuleSet, from = 0, to = text.length): RuleHit[] {
  if (rules.detectors.length === 0) return [];
  const hits: RuleHit[] = [];
  for (const finding of scanText(text, rules.detectors, from, to, rules.prefilter)) {
    for (const rule of rules.rulesOf.get(finding.detector) ?? []) hits.push({ rule, finding });
  }
  return hits;
}

const enforced = (hit: RuleHit, action: CompiledRule['action']) =>
  hit.rule.mode === 'enforce' && hit.rule.action === action;

/** The first hit of an enforced block rule, if any. */
export function blockingHit(hits: readonly RuleHit[]): RuleHit | undefined {
  return hits.find((hit) => enforced(hit, 'block'));
}

/**
 * The spans enforced redact rules replace, in order, overlaps merged (so a match that overlaps
 * another is never half sent); a merged span takes the longer finding's label.
 */
export function redactionsOf(hits: readonly RuleHit[]): Redaction[] {
  const spans = hits
    .filter((hit) => enforced(hit, 'redact'))
    .map(({ rule, finding }) => ({
      start: finding.start,
      end: finding.end,
      label: finding.detector.label,
      restore: rule.restore,
      length: finding.end - finding.start,
    }))
    .sort((left, right) => left.start - right.start || right.end - left.end);
  const merged: (Redaction & { length: number })[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last === undefined || span.start >= last.end) {
      merged.push({ ...span });
      continue;
    }
    last.end = Math.max(last.end, span.end);
    last.restore &&= span.restore;
    if (span.length > last.length) {
      last.label = span.label;
      last.length = span.length;
    }
  }
  return merged.map(({ start, end, label, restore }) => ({ start, end, label, restore }));
}
