import { z } from 'zod';
import { routingSchema } from './routing-schema.ts';

/** A secret: `env:NAME` reads the variable NAME from the runtime environment, anything else is literal. */
const secretSchema = z.string().min(1);

const headersSchema = z.record(z.string(), z.string());

const mockModelSchema = z.strictObject({
  /** Fixed reply text; default echoes the last user message. */
  reply: z.string().optional(),
  /** Delay before the response (non-stream) or before the stream opens. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  /** Extra delay before the first content chunk of a stream. */
  firstTokenMs: z.number().int().min(0).max(600_000).default(0),
  /** Delay between stream chunks. */
  chunkDelayMs: z.number().int().min(0).max(60_000).default(0),
  /** Injected failure: the HTTP status to fail with ... */
  errorStatus: z.number().int().min(400).max(599).optional(),
  /** ... on this share of requests, spread deterministically (1 = every request). */
  errorRate: z.number().min(0).max(1).default(1),
  /** Never answer (until the caller aborts). */
  hang: z.boolean().default(false),
  /** Streams stop with an error after this many content chunks. */
  cutAfterChunks: z.number().int().min(0).optional(),
  /** Emit reasoning before the answer. */
  reasoning: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
});
export type MockModelConfig = z.infer<typeof mockModelSchema>;

const httpProviderBase = {
  baseURL: z.url().optional(),
  apiKey: secretSchema.optional(),
  headers: headersSchema.optional(),
  /** Models this provider serves; when omitted, any `provider/model` id is passed through. */
  models: z.array(z.string().min(1)).optional(),
};

const providerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('openai'),
    ...httpProviderBase,
    /** Which OpenAI API to call: the Responses API (the AI SDK default) or chat completions. */
    api: z.enum(['responses', 'chat']).default('responses'),
    organization: z.string().optional(),
    project: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('anthropic'), ...httpProviderBase }),
  z.strictObject({ type: z.literal('google'), ...httpProviderBase }),
  z.strictObject({
    type: z.literal('openai-compatible'),
    ...httpProviderBase,
    baseURL: z.url(),
    includeUsage: z.boolean().default(true),
  }),
  z.strictObject({
    type: z.literal('mock'),
    models: z.record(z.string().min(1), mockModelSchema),
  }),
]);
export type ProviderConfig = z.infer<typeof providerSchema>;
export type ProviderType = ProviderConfig['type'];

const targetSchema = z
  .string()
  .regex(/^[^/\s]+\/\S+$/, 'a target is written provider/model, e.g. "openai/gpt-4o"');

/** `"provider/model"`, or `{ "target": "provider/model", "weight": 3 }` for weighted splits. */
const weightedTargetSchema = z
  .union([targetSchema, z.strictObject({ target: targetSchema, weight: z.number().positive() })])
  .transform((entry) => (typeof entry === 'string' ? { target: entry, weight: 1 } : entry));

const targetListSchema = z.array(weightedTargetSchema).min(1);

const strategySchema = z.enum(['ordered', 'weighted', 'health']);

/** A rule on request metadata that picks another target set; the first match wins. */
const ruleSchema = z.strictObject({
  when: z
    .strictObject({
      /** Every listed key must have the listed value in the request metadata. */
      metadata: z.record(z.string(), z.string()).optional(),
      /** The request's `user` is one of these. */
      user: z.array(z.string()).min(1).optional(),
      /** The request carries at least one of these tags. */
      tags: z.array(z.string()).min(1).optional(),
    })
    .refine((when) => Object.keys(when).length > 0, 'a rule needs at least one condition'),
  targets: targetListSchema,
  strategy: strategySchema.optional(),
});

const aliasSchema = z.strictObject({
  targets: targetListSchema,
  /**
   * How targets are ordered: as listed (`ordered`), one picked by weight first (`weighted`,
   * for A/B splits), or by health score (`health`). Open circuits are skipped in all three.
   */
  strategy: strategySchema.default('ordered'),
  rules: z.array(ruleSchema).default([]),
  description: z.string().optional(),
});
export type AliasConfig = z.infer<typeof aliasSchema>;
export type RoutingStrategy = z.infer<typeof strategySchema>;

export const configSchema = z
  .strictObject({
    providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i), providerSchema),
    models: z.record(z.string().min(1), aliasSchema).default({}),
    server: z
      .strictObject({
        /** Largest accepted request body. */
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024),
        /** One JSON line per request on the console (Workers logs, or stdout on Node). */
        requestLog: z.boolean().default(true),
      })
      .prefault({}),
    store: z
      .strictObject({
        /** A store call slower than this is skipped (fail-open). */
        timeBudgetMs: z.number().int().positive().default(150),
      })
      .prefault({}),
    routing: routingSchema,
  })
  .superRefine((config, context) => {
    const check = (targets: { target: string }[], path: (string | number)[]) =>
      targets.forEach((entry, index) => {
        // Entries that failed their own validation arrive unparsed; they are reported already.
        const target: unknown = typeof entry === 'string' ? entry : entry?.target;
        if (typeof target !== 'string') return;
        const providerId = target.slice(0, target.indexOf('/'));
        if (!Object.hasOwn(config.providers, providerId)) {
          context.addIssue({
            code: 'custom',
            path: [...path, index],
            message: `unknown provider '${providerId}'`,
          });
        }
      });
    for (const [alias, { targets, rules }] of Object.entries(config.models)) {
      check(targets, ['models', alias, 'targets']);
      for (const [index, rule] of rules.entries()) {
        check(rule.targets, ['models', alias, 'rules', index, 'targets']);
      }
    }
  });

export type RouterConfig = z.infer<typeof configSchema>;
export type RouterConfigInput = z.input<typeof configSchema>;
