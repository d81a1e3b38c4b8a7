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
    /** Tries across all targets. */
    maxAttempts: z.number().int().min(1).max(20).default(6),
    /** The whole attempt loop, retries and backoff included. */
    totalTimeoutMs: milliseconds(120_000),
    /** Exponential backoff between tries of one target, with full jitter. */
    backoff: z
      .strictObject({
        baseMs: z.number().int().min(0).max(60_000).default(100),
        maxMs: z.number().int().min(0).max(60_000).default(2_000),
      })
      .prefault({}),
    /** A Retry-After longer than this moves on to the next target instead of waiting. */
    maxRetryAfterMs: z.number().int().min(0).max(60_000).default(5_000),
  })
  .prefault({});

export type RoutingConfig = z.infer<typeof routingSchema>;
