import { z } from 'zod';

/** A time as ISO 8601 (`2026-12-06T12:00:00Z`, `2026-12-06`) or epoch milliseconds. */
const time = z
  .string()
  .max(40)
  .transform((text, context) => {
    const value = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isFinite(value)) return value;
    context.addIssue({ code: 'custom', message: 'an ISO 8601 time or epoch milliseconds' });
    return z.NEVER;
  })
  .optional();

const name = z.string().min(1).max(256).optional();

/** `GET /api/v1/generation?id=` (and `/v1/generation`). */
export const generationQuerySchema = z.strictObject({
  id: z.string().min(1).max(64),
});

/** `GET /api/v1/requests`. */
export const requestsQuerySchema = z.strictObject({
  from: time,
  to: time,
  key: name,
  team: name,
  model: name,
  provider: name,
  status: z
    .string()
    .regex(/^(success|error|cancelled|[1-5]\d\d)$/, 'success, error, cancelled or an HTTP status')
    .optional(),
  cursor: z
    .string()
    .regex(/^req_[0-9a-f]{12}([0-9a-f]{20})?$/, 'a cursor this API returned')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /api/v1/stats`. */
export const statsQuerySchema = z.strictObject({
  from: time,
  to: time,
  step: z
    .string()
    .regex(/^\d{1,4}(m|h|d)$/, 'minutes, hours or days: `5m`, `1h`, `1d`')
    .optional(),
  group_by: z.enum(['model', 'provider', 'key', 'team']).optional(),
  model: name,
  provider: name,
  key: name,
  team: name,
  /** Most groups listed (the rest summed into `other`). */
  groups: z.coerce.number().int().min(1).max(50).default(10),
});
