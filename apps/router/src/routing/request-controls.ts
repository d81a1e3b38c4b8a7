import { z } from 'zod';

/**
 * Per-request routing controls, in OpenRouter's shape: `models` adds fallbacks after the
 * requested model; `provider` narrows and orders the providers that may serve it. OpenAI
 * callers send them in the body, AI SDK callers in `providerOptions.switchyard`.
 */
export const requestControlsSchema = z.object({
  models: z.array(z.string().min(1)).max(16).optional(),
  provider: z
    .object({
      order: z.array(z.string().min(1)).optional(),
      only: z.array(z.string().min(1)).optional(),
      ignore: z.array(z.string().min(1)).optional(),
      allow_fallbacks: z.boolean().optional(),
      /** Only targets that support every parameter the request sets may serve it. */
      require_parameters: z.boolean().optional(),
      /** Order by this instead of the alias strategy (`:nitro` = throughput, `:floor` = price). */
      sort: z.enum(['price', 'throughput', 'latency']).optional(),
      /** Skip targets whose list price (US dollars per million tokens) is higher. */
      max_price: z
        .object({ prompt: z.number().min(0).optional(), completion: z.number().min(0).optional() })
        .optional(),
    })
    .optional(),
  /** Request metadata for routing rules (also from the `x-switchyard-metadata` header). */
  metadata: z.record(z.string(), z.string()).optional(),
  user: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

export type RequestControls = z.infer<typeof requestControlsSchema>;
