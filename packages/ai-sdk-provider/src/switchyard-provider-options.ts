import { InvalidArgumentError } from '@ai-sdk/provider';
import { z } from 'zod/v4';

const providerIds = z.array(z.string().min(1));

/**
 * One guardrail rule of a call: what to look for, in which direction, and what to do about it.
 * The router vets it further (a pattern must be safe from catastrophic backtracking).
 */
const guardrailRuleSchema = z.strictObject({
  /** `secrets`, `pii`, `injection`, or single detectors such as `pii.email`. */
  detectors: z.array(z.string().min(1)).min(1).optional(),
  /** Literal terms, whole-word; case-insensitive unless `caseSensitive`. */
  terms: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
  caseSensitive: z.boolean().optional(),
  /** A regular expression (JavaScript syntax). */
  pattern: z.string().min(1).max(1_000).optional(),
  flags: z.string().optional(),
  /** The placeholder label of redactions by `terms` or `pattern` (`TICKET` gives `[TICKET_1]`). */
  label: z.string().optional(),
  direction: z.enum(['input', 'output', 'both']).optional(),
  /** Default `warn`. */
  action: z.enum(['block', 'redact', 'warn']).optional(),
  /** `shadow` records what the rule would have done and does nothing. */
  mode: z.enum(['enforce', 'shadow']).optional(),
  /** Redactions in the input come back in the answer, in place of their placeholders. */
  restore: z.boolean().optional(),
  /** The injection score (0..1) from which the heuristic reports. */
  threshold: z.number().min(0).max(1).optional(),
});

/**
 * Schema of `providerOptions.switchyard`: how the router should route, cache and label one call.
 * Strict, so a misspelt option fails before the request is sent.
 */
export const switchyardProviderOptionsSchema = z.strictObject({
  /** Fallback models tried in order after the requested one, e.g. `['anthropic/claude-sonnet-4-5']`. */
  models: z.array(z.string().min(1)).optional(),
  /** Provider ids to try first, in this order. */
  order: providerIds.optional(),
  /** Only these provider ids may serve the call. */
  only: providerIds.optional(),
  /** These provider ids must not serve the call. */
  ignore: providerIds.optional(),
  /** Order the candidate providers by price, throughput or latency. */
  sort: z.enum(['price', 'throughput', 'latency']).optional(),
  /** Highest acceptable price per million tokens (USD). */
  maxPrice: z
    .strictObject({
      input: z.number().nonnegative().optional(),
      output: z.number().nonnegative().optional(),
    })
    .optional(),
  /** `false`: fail rather than fall back to another provider or model. */
  allowFallbacks: z.boolean().optional(),
  /** `deny`: only providers that do not train on prompts may serve the call. */
  dataCollection: z.enum(['allow', 'deny']).optional(),
  /** Only providers that retain nothing may serve the call. */
  zdr: z.boolean().optional(),
  /**
   * Guardrail rules of this call, by name: added to the gateway's, team's and key's, never
   * loosening them, e.g. `{ rules: { 'no-codename': { terms: ['Nightjar'], action: 'block' } } }`.
   */
  guardrails: z
    .strictObject({ rules: z.record(z.string().min(1).max(64), guardrailRuleSchema) })
    .optional(),
  cache: z
    .strictObject({
      /** Seconds a cached response stays fresh, 10 to 31536000 (one year). */
      ttl: z.number().int().min(10).max(31_536_000).optional(),
      /** Do not answer from the cache (the response may still be stored). */
      noCache: z.boolean().optional(),
      /** Do not store this response in the cache. */
      noStore: z.boolean().optional(),
    })
    .optional(),
  /** Your end user's id, for limits and the request log. */
  user: z.string().min(1).optional(),
  /** Labels for the request log and spend reports. */
  tags: z.array(z.string().min(1)).optional(),
  /** Free-form string pairs recorded with the request. */
  metadata: z.record(z.string(), z.string()).optional(),
});

/**
 * Options under `providerOptions.switchyard`, checked before the request leaves the app.
 * @example
 * const options: SwitchyardProviderOptions = {
 *   models: ['anthropic/claude-sonnet-4-5'],
 *   cache: { ttl: 600 },
 *   tags: ['checkout'],
 * };
 * await generateText({ model, prompt, providerOptions: { switchyard: options } });
 */
export type SwitchyardProviderOptions = z.infer<typeof switchyardProviderOptionsSchema>;

/**
 * Throws `InvalidArgumentError` naming every bad field of `providerOptions.switchyard`;
 * the options themselves are sent as given.
 */
export function validateSwitchyardProviderOptions(
  providerOptions: Record<string, unknown> | undefined,
): void {
  const options = providerOptions?.switchyard;
  if (options === undefined) return;
  const result = switchyardProviderOptionsSchema.safeParse(options);
  if (result.success) return;
  const problems = result.error.issues.map((issue) => {
    const path = ['providerOptions', 'switchyard', ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
  throw new InvalidArgumentError({
    argument: 'providerOptions.switchyard',
    message: `Invalid Switchyard provider options. ${problems.join('; ')}.`,
    cause: result.error,
  });
}
