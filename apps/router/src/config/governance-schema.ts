import { z } from 'zod';

const positiveInt = () => z.number().int().positive();

/** `provider/model`, an alias, or a pattern with `*` (`openai/*`, `*`). */
export const modelPatternSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'a model pattern has no spaces');

/** The limits any scope (gateway, team, key) may carry; a child only restricts its parent. */
export const scopeLimitsSchema = z.strictObject({
  /**
   * Budget in US dollars for each period of `limit_reset` (or for all time when null). Counters
   * are exact integers of nanodollars, so a budget stays below $9 million.
   */
  limit: z.number().min(0).max(9_000_000).nullish(),
  limit_reset: z.enum(['daily', 'weekly', 'monthly']).nullish(),
  /** Requests per rolling minute. */
  rpm: positiveInt().nullish(),
  /** Tokens (input + output) per rolling minute. */
  tpm: positiveInt().nullish(),
  /** Requests in flight at once. */
  max_parallel: positiveInt().nullish(),
  /** Aliases and `provider/model` patterns this scope may call; absent = all. */
  models: z.array(modelPatternSchema).max(256).nullish(),
});
export type ScopeLimitsInput = z.infer<typeof scopeLimitsSchema>;

/** Keys, teams, budgets and limits: gateway-wide settings; keys and teams live in the store. */
export const governanceSchema = z
  .strictObject({
    /** The gateway scope: every request also fits these (an aggregate over all keys). */
    defaults: scopeLimitsSchema.prefault({}),
    /** Gateway-wide caps per requested model (an alias or `provider/model`), over all keys. */
    models: z
      .record(
        z.string().min(1).max(200),
        z.strictObject({ rpm: positiveInt().optional(), tpm: positiveInt().optional() }),
      )
      .default({}),
    /**
     * How long keys, limits and budgets wait for the store before answering 503 (they fail
     * closed, so they wait longer than the response cache, which skips a slow store).
     */
    storeTimeBudgetMs: z.number().int().min(10).max(10_000).default(1_000),
    /** A reservation not settled by then is charged at its estimate (ms after admission). */
    reservationTtlMs: z.number().int().min(1_000).max(3_600_000).default(600_000),
    /**
     * When the store cannot answer, requests of scopes with a budget or limit are refused with
     * 503 (`closed`) or let through unmetered (`open`). A stored key or team can override it.
     */
    onStoreUnavailable: z.enum(['closed', 'open']).default('closed'),
    /** How long management changes stay in the audit log. */
    auditRetentionDays: z.number().int().min(1).max(3_650).default(90),
    /** Budget alerts: signed webhooks at these percentages of a budget, once per period. */
    alerts: z
      .strictObject({
        /** Where alerts are POSTed; none when absent. */
        url: z.url().optional(),
        /** The signing secret, as a secret reference (`env:ALERT_SECRET`). */
        secret: z.string().min(1).optional(),
        thresholds: z.array(z.number().int().min(1).max(100)).max(10).default([50, 80, 100]),
      })
      .refine((alerts) => alerts.url === undefined || alerts.secret !== undefined, {
        message: 'alerts.url needs alerts.secret: every alert is signed',
        path: ['secret'],
      })
      .prefault({}),
  })
  .prefault({});
export type GovernanceConfig = z.infer<typeof governanceSchema>;
