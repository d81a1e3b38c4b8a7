import { z } from 'zod';

const milliseconds = (fallback: number) => z.number().int().min(1).max(3_600_000).default(fallback);

/** How the attempt loop retries, times out and fails over. */
export const routingSchema = z
  .strictObject({
    /** A non-streaming attempt that has not answered by then is abandoned. */
    attemptTimeoutMs: milliseconds(60_000),
    /** A streaming attempt must send its first content by then. */
    firstTokenTimeoutMs: milliseconds(20_000),
    /** A started stream that sends nothing for this long has failed. */
    streamIdleTimeoutMs: milliseconds(60_000),
    /** Tries of one target before moving on (1 = no retry on the same target). */
    attemptsPerTarget: z.number().int().min(1).max(5).default(2),
    /** Tries across all targets (never fewer than one per target), continuations included. */
    maxAttempts: z.number().int().min(1).max(20).default(6),
    /** Most targets one request may be tried on (alias targets and `models` fallbacks together). */
    maxCandidates: z.number().int().min(1).max(32).default(8),
    /** Most times one stream may be continued on another target after it started. */
    maxContinuations: z.number().int().min(0).max(8).default(2),
    /** The whole attempt loop, retries and backoff included. */
    totalTimeoutMs: milliseconds(120_000),
    /** Exponential backoff between tries of one target, with full jitter. */
    backoff: z
      .strictObject({
        baseMs: z.number().int().min(0).max(60_000).default(100),
        maxMs: z.number().int().min(0).max(60_000).default(2_000),
      })
      .prefault({}),
    /**
     * A stream that fails after it started continues on the next target, which is given the
     * text so far as an assistant prefill; off, such a stream ends with an in-band error.
     */
    continueStreams: z.boolean().default(true),
    /** A Retry-After longer than this moves on to the next target instead of waiting. */
    maxRetryAfterMs: z.number().int().min(0).max(60_000).default(5_000),
    health: z
      .strictObject({
        /** The rolling window of success, latency, first-token time and throughput. */
        windowMs: z.number().int().min(10_000).max(3_600_000).default(300_000),
        /** The `health` strategy's score weights. */
        weights: z
          .strictObject({
            uptime: z.number().min(0).default(0.5),
            throughput: z.number().min(0).default(0.2),
            price: z.number().min(0).default(0.2),
            latency: z.number().min(0).default(0.1),
          })
          .prefault({}),
        /** Below this success rate a target's score falls steeply. */
        minSuccessRate: z.number().min(0).max(1).default(0.95),
        /** ... once its window holds at least this many requests. */
        minSamples: z.number().int().min(1).default(10),
        /** Share of requests that try a non-best target first, so recoveries are noticed. */
        exploration: z.number().min(0).max(0.5).default(0.01),
      })
      .prefault({}),
    circuitBreaker: z
      .strictObject({
        /** Opens at this failure ratio over the health window ... */
        failureRatio: z.number().min(0).max(1).default(0.5),
        /** ... once the window holds at least this many requests. */
        minRequests: z.number().int().min(1).default(5),
        /** The breaker's own rolling window of outcomes per target (kept in 10 buckets). */
        windowMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
        /** Requests skip an open target this long, then one probe may pass. */
        cooldownMs: z.number().int().min(100).max(3_600_000).default(30_000),
      })
      .prefault({}),
  })
  .prefault({});

export type RoutingConfig = z.infer<typeof routingSchema>;
