import { regexDetector, termDetector } from '../detectors/custom-detectors.ts';
import type { Detector } from '../detectors/detector.ts';
import { detectorsNamed } from '../detectors/detector-catalog.ts';
import type { RuleConfig } from './rule-schema.ts';

/** Where a rule came from; a request's own rules can only add to the others. */
export type RuleSource = 'gateway' | 'team' | 'key' | 'request';

/** A rule ready to run: its detectors built, its direction split into two flags. */
export interface CompiledRule {
  name: string;
  source: RuleSource;
  detectors: readonly Detector[];
  input: boolean;
  output: boolean;
  action: 'block' | 'redact' | 'warn';
  mode: 'enforce' | 'shadow';
  restore: boolean;
}

/**
 * Builds a validated rule's detectors once (the schema has vetted its expression).
 * @example compileRule('no-secrets', { detectors: ['secrets'], action: 'block', ... }, 'gateway')
 */
export function compileRule(name: string, rule: RuleConfig, source: RuleSource): CompiledRule {
  const label = rule.label ?? labelFor(name);
  const detectors: Detector[] = [];
  for (const detectorName of rule.detectors ?? []) {
    detectors.push(...(detectorsNamed(detectorName, rule.threshold) ?? []));
  }
  if (rule.terms !== undefined) {
    detectors.push(termDetector(name, rule.terms, rule.caseSensitive, label));
  }
  if (rule.pattern !== undefined) {
    detectors.push(regexDetector(name, rule.pattern, rule.flags ?? '', label));
  }
  return {
    name,
    source,
    detectors: [...new Set(detectors)],
    input: rule.direction !== 'output',
    output: rule.direction !== 'input',
    action: rule.action,
    mode: rule.mode,
    restore: rule.restore,
  };
}

/** `ticket-ids` gives `TICKET_IDS`. */
function labelFor(name: string): string {
  const label = name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^[^A-Z]+/, '');
  return (label || 'MATCH').slice(0, 24);
}
