import { z } from 'zod';
import { requestGuardrailsSchema } from '../guardrails/policy/guardrails-schema.ts';

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
      /** `deny`: only providers that do not train on prompts (their `data.training` is false). */
      data_collection: z.enum(['allow', 'deny']).optional(),
      /** Only providers that retain nothing (`data.retention: "none"`). */
      zdr: z.boolean().optional(),
    })
    .optional(),
  /** Request metadata for routing rules (also from the `x-switchyard-metadata` header). */
  metadata: z.record(z.string(), z.string()).optional(),
  user: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Guardrail rules of this request: added to the gateway's, team's and key's, never loosening. */
  guardrails: requestGuardrailsSchema.optional(),
});

export type RequestControls = z.infer<typeof requestControlsSchema>;
