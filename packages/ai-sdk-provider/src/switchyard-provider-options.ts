import { InvalidArgumentError } from '@ai-sdk/provider';
import { z } from 'zod/v4';

const providerIds = z.array(z.string().min(1));

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
