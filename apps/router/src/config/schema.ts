import { z } from 'zod';
import { guardrailsSchema } from '../guardrails/policy/guardrails-schema.ts';
import { aliasCacheSchema, cacheSchema } from './cache-schema.ts';
import { catalogSchema } from './catalog-schema.ts';
import { corsSchema } from './cors-schema.ts';
import { governanceSchema } from './governance-schema.ts';
import { observabilitySchema } from './observability-schema.ts';
import { providerSchema } from './provider-schemas.ts';
import { routingSchema } from './routing-schema.ts';

export type {
  HttpProviderConfig,
  HttpProviderType,
  MockModelConfig,
  ProviderConfig,
  ProviderType,
} from './provider-schemas.ts';

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
  /** Caching for this alias, over the global `cache` defaults. */
  cache: aliasCacheSchema,
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
        /**
         * On Node behind a reverse proxy: take the client's address from the first
         * `x-forwarded-for` entry instead of the socket (any client can send that header).
         */
        trustForwardedFor: z.boolean().default(false),
        /** Browser origins allowed to call the gateway; off unless given. */
        cors: corsSchema,
      })
      .prefault({}),
    store: z
      .strictObject({
        /** A store call slower than this is skipped (fail-open). */
        timeBudgetMs: z.number().int().positive().default(150),
      })
      .prefault({}),
    routing: routingSchema,
    catalog: catalogSchema,
    cache: cacheSchema,
    responses: z
      .strictObject({
        /**
         * How long `POST /v1/responses` answers are kept for `previous_response_id`, in seconds.
         * 0 (the default) keeps nothing: keeping one means keeping the conversation, so opt in.
         */
        storeTtlSeconds: z
          .number()
          .int()
          .min(0)
          .max(30 * 86_400)
          .default(0),
      })
      .prefault({}),
    governance: governanceSchema,
    /** Guardrail rules, the policies of the gateway, teams and keys that apply them, data policies. */
    guardrails: guardrailsSchema,
    observability: observabilitySchema,
    /** API keys besides SWITCHYARD_ADMIN_KEY; each key's tenant has its own cache entries. */
    keys: z
      .array(
        z.strictObject({
          /** The key, as a secret reference: `env:TEAM_A_KEY`. */
          key: z.string().min(1),
          tenant: z
            .string()
            .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a tenant is letters, digits, . _ -')
            .refine((tenant) => tenant !== 'admin', "'admin' is the admin key's own tenant"),
        }),
      )
      .default([]),
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
