import { z } from 'zod';

const pricingSchema = z.strictObject({
  /** US dollars per million tokens. */
  input: z.number().min(0),
  output: z.number().min(0),
  cacheRead: z.number().min(0).optional(),
  cacheWrite: z.number().min(0).optional(),
  /** Only where reasoning tokens are billed apart from output. */
  reasoning: z.number().min(0).optional(),
});

/**
 * Per-model facts that override the bundled catalog (or describe models it does not know),
 * keyed by `provider/model`: what `/v1/models` shows and what cost is computed with.
 */
export const catalogSchema = z
  .record(
    z.string().regex(/^[^/\s]+\/\S+$/, 'catalog entries are keyed provider/model'),
    z.strictObject({
      name: z.string().optional(),
      description: z.string().optional(),
      contextWindow: z.number().int().positive().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
      modalities: z
        .strictObject({ input: z.array(z.string()), output: z.array(z.string()) })
        .optional(),
      toolCalls: z.boolean().optional(),
      reasoning: z.boolean().optional(),
      pricing: pricingSchema.optional(),
    }),
  )
  .default({});

export type CatalogOverrides = z.infer<typeof catalogSchema>;
