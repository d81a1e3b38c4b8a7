import { z } from 'zod';
import { checkCustomPattern } from '../detectors/custom-detectors.ts';
import { detectorNames } from '../detectors/detector-catalog.ts';

/** A rule's name: what facts, headers and errors call it. */
export const ruleNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a rule name is letters, digits, . _ - (at most 64)');

const ruleFields = {
  /** `secrets`, `pii`, `injection`, or single detectors such as `pii.email`. */
  detectors: z
    .array(z.enum(detectorNames as [string, ...string[]]))
    .min(1)
    .optional(),
  /** Literal terms, whole-word; case-insensitive unless `caseSensitive`. */
  terms: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
  caseSensitive: z.boolean().default(false),
  /** A regular expression (JavaScript syntax), vetted by safe-regex2 and bounded in length. */
  pattern: z.string().min(1).max(1_000).optional(),
  flags: z
    .string()
    .regex(/^[imsu]{0,4}$/, 'flags may be i, m, s and u')
    .optional(),
  /** The placeholder label of redactions by `terms` or `pattern` (`TICKET` gives `[TICKET_1]`). */
  label: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,23}$/, 'a label is upper-case letters, digits and _')
    .optional(),
  direction: z.enum(['input', 'output', 'both']).default('both'),
  /** Default `warn`: a new rule is observed before it blocks. */
  action: z.enum(['block', 'redact', 'warn']).default('warn'),
  /** `shadow` records what the rule would have done and does nothing. */
  mode: z.enum(['enforce', 'shadow']).default('enforce'),
  /** Redactions in the input come back in the answer, in place of their placeholders. */
  restore: z.boolean().default(false),
  /** The injection score (0..1) from which the heuristic reports; default 0.5. */
  threshold: z.number().min(0).max(1).optional(),
};

/** A guardrail rule: what to look for, in which direction, and what to do about it. */
export const ruleSchema = z.strictObject(ruleFields).superRefine((rule, context) => {
  const issue = (message: string, path: string) =>
    context.addIssue({ code: 'custom', message, path: [path] });
  if (rule.detectors === undefined && rule.terms === undefined && rule.pattern === undefined) {
    issue('a rule needs detectors, terms or a pattern', 'detectors');
  }
  if (rule.action === 'redact' && rule.detectors?.some((name) => name.startsWith('injection'))) {
    issue('injection findings cannot be redacted: use block or warn', 'action');
  }
  if (rule.restore && rule.action !== 'redact') issue('restore needs action redact', 'restore');
});

export type RuleConfig = z.infer<typeof ruleSchema>;

/**
 * Rules by name, at most `maxRules`. An expression is vetted here, so an unsafe one is refused
 * with its rule's name: `guardrails.rules.tickets.pattern: rule 'tickets': the pattern may ...`.
 */
export const ruleRecordSchema = (maxRules: number) =>
  z.record(ruleNameSchema, ruleSchema).superRefine((rules, context) => {
    const entries = Object.entries(rules);
    if (entries.length > maxRules) {
      context.addIssue({ code: 'custom', message: `at most ${maxRules} rules`, path: [] });
    }
    for (const [name, rule] of entries) {
      if (rule.pattern === undefined) continue;
      const problem = checkCustomPattern(rule.pattern, rule.flags ?? '');
      if (problem === undefined) continue;
      context.addIssue({
        code: 'custom',
        message: `rule '${name}': ${problem}`,
        path: [name, 'pattern'],
      });
    }
  });
