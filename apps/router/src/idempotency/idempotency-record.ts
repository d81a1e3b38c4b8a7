import { z } from 'zod';

/** An answer as it is replayed: status, the headers that describe it, and the body text. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The request that produced it, so a replay can be traced to what was billed. */
  requestId: string;
}

const answerSchema = z.object({
  status: z.number().int().min(200).max(299),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  requestId: z.string(),
});

/**
 * One key's record: `running` while the first request is served (its token lets only that
 * request release it), `done` with the answer once it succeeded.
 */
export const idempotencyRecordSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), fingerprint: z.string(), token: z.string() }),
  z.object({ state: z.literal('done'), fingerprint: z.string(), answer: answerSchema }),
]);

export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

/** The record stored at a key, or undefined for text this router did not write. */
export function parseIdempotencyRecord(text: string): IdempotencyRecord | undefined {
  try {
    const parsed = idempotencyRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
