import { z } from 'zod';

/**
 * Request records, rollups, metrics and traces. Traces go out only when the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `_TRACES_ENDPOINT`) variable is set.
 */
export const observabilitySchema = z
  .strictObject({
    /** Keep request records and rollups in the store (the request log, stats and `/metrics` read them). */
    enabled: z.boolean().default(true),
    /** How long request records and hourly rollups are kept (daily rollups: 400 days). */
    retentionDays: z.number().int().min(1).max(400).default(30),
    /**
     * Most request records kept; past it the oldest minutes go first. Default: 100,000 with Redis
     * or Upstash, 10,000 with the in-process store.
     */
    maxRecords: z.number().int().positive().max(100_000_000).optional(),
    /** How long one store call for records, stats or metrics may take; writes run after the response. */
    storeTimeBudgetMs: z.number().int().positive().default(2_000),
    traces: z
      .strictObject({
        /**
         * Put the prompt in the request span (`gen_ai.input.messages`); also turned on by
         * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`. Off by default.
         */
        captureContent: z.boolean().default(false),
      })
      .prefault({}),
  })
  .prefault({});

export type ObservabilityConfig = z.infer<typeof observabilitySchema>;
