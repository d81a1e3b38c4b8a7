import { z } from 'zod';

const filter = z.string().min(1).max(200).optional();

/** `GET /api/v1/audit`. */
export const auditQuerySchema = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  action: filter,
  actor: filter,
  resource: filter,
});
