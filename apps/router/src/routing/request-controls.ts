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
    })
    .optional(),
});

export type RequestControls = z.infer<typeof requestControlsSchema>;
