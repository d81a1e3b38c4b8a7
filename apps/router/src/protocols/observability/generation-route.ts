import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { NotFoundError } from '../../errors/index.ts';
import { readRecord } from '../../observability/read-record.ts';
import { canRead, recordScopeOf } from '../../observability/record-access.ts';
import { parseInput } from '../management/parse-input.ts';
import { generationOf } from './generation-shape.ts';
import type { ObservabilityRouteDeps } from './observability-route-deps.ts';
import { generationQuerySchema } from './observability-schemas.ts';

/**
 * `GET /api/v1/generation?id=` (and `/v1/generation`, where the `@ai-sdk/gateway` client asks):
 * one request's record in OpenRouter's shape. An inference key sees its own requests, a
 * management key those of its scope; any other id is a 404, so ids of others stay unconfirmed.
 * @example app.get('/v1/generation', selfAuth, generationRoute(deps));
 */
export const generationRoute = (deps: ObservabilityRouteDeps) =>
  async function generation(c: Context<RouterEnv>) {
    const { id } = parseInput(generationQuerySchema, c.req.query(), 'query');
    const found = await readRecord(deps.observability.store, id);
    if (found.status === 'unavailable') throw found.error;
    if (found.status === 'absent' || !canRead(recordScopeOf(c.get('principal')), found.value)) {
      throw new NotFoundError('No generation with this id that this key may see.');
    }
    return c.json({ data: generationOf(found.value) });
  };
