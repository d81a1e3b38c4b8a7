import type { Detector } from '../detectors/detector.ts';
import { createPrefilter, type Prefilter } from '../scan/keyword-prefilter.ts';
import type { CompiledRule } from './compile-rule.ts';

/** The rules that apply to one direction of one request, arranged for scanning. */
export interface RuleSet {
  rules: readonly CompiledRule[];
  /** Each detector once, however many rules use it. */
  detectors: readonly Detector[];
  rulesOf: ReadonlyMap<Detector, readonly CompiledRule[]>;
  /** All the detectors' keywords in one pass. */
  prefilter: Prefilter;
  /** Some enforced rule blocks: a stream holds the whole answer back. */
  blocks: boolean;
  /** Some enforced rule redacts: a stream holds back `window` characters. */
  redacts: boolean;
  /**
   * Characters a stream holds back so no redacted match is sent in part: the longest match an
   * enforced redact rule can make (long ones, such as PEM keys, are held from their opener).
   */
  window: number;
  /** Sent characters a stream keeps as context: the window plus what checks read before it. */
  context: number;
  /** Detectors of enforced redact rules whose long matches are held from an opener. */
  openers: readonly Detector[];
}

export type Direction = 'input' | 'output';

/** Openers are short: a stream's window covers a partly arrived one. */
const openerLength = 64;

/**
 * Arranges the rules of one direction for scanning.
 * @example ruleSetFor(policy.rules, 'output').window // e.g. 281
 */
export function ruleSetFor(rules: readonly CompiledRule[], direction: Direction): RuleSet {
  const applying = rules.filter((rule) => rule[direction]);
  const rulesOf = new Map<Detector, CompiledRule[]>();
  for (const rule of applying) {
    for (const detector of rule.detectors) {
      const list = rulesOf.get(detector);
      if (list === undefined) rulesOf.set(detector, [rule]);
      else list.push(rule);
    }
  }
  const enforced = applying.filter((rule) => rule.mode === 'enforce');
  const redacting = enforced.filter((rule) => rule.action === 'redact');
  const redactors = [...new Set(redacting.flatMap((rule) => rule.detectors))];
  return {
    rules: applying,
    detectors: [...rulesOf.keys()],
    rulesOf,
    prefilter: createPrefilter([...rulesOf.keys()]),
    blocks: enforced.some((rule) => rule.action === 'block'),
    redacts: redacting.length > 0,
    window:
      redactors.length === 0
        ? 0
        : Math.max(
            ...redactors.map((detector) =>
              detector.opener === undefined ? detector.maxLength : openerLength,
            ),
          ) + 1,
    context: Math.max(
      0,
      ...redactors.map((detector) => detector.maxLength + detector.lookback + 1),
    ),
    openers: redactors.filter((detector) => detector.opener !== undefined),
  };
}

/** A rule set with no rules: nothing to scan, nothing to hold. */
export const emptyRuleSet: RuleSet = ruleSetFor([], 'input');
