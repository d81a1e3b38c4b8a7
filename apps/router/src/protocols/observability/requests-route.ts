import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { listRecords } from '../../observability/list-records.ts';
import { recordScopeOf } from '../../observability/record-access.ts';
import { parseInput } from '../management/parse-input.ts';
import type { ObservabilityRouteDeps } from './observability-route-deps.ts';
import { requestsQuerySchema } from './observability-schemas.ts';

/**
 * `GET /api/v1/requests`: the request log, newest first, filtered by time, key, team, model,
 * provider and status; `next_cursor` fetches the next page. A team-limited management key sees
 * its team's requests only.
 * @example routes.get('/requests', manageAuth, requestsRoute(deps));
 */
export const requestsRoute = (deps: ObservabilityRouteDeps) =>
  async function requests(c: Context<RouterEnv>) {
    const query = parseInput(requestsQuerySchema, c.req.query(), 'query');
    const now = deps.now();
    const oldest = now - deps.observability.retentionMs;
    const to = query.to ?? now + 1;
    const page = await listRecords(deps.observability.store, {
      from: Math.max(query.from ?? oldest, oldest),
      to,
      cursor: query.cursor,
      limit: query.limit,
      filter: {
        key: query.key,
        team: query.team,
        model: query.model,
        provider: query.provider,
        status: query.status,
        scope: recordScopeOf(c.get('principal')),
      },
    });
    if (page.status === 'unavailable') throw page.error;
    return c.json({ data: page.value.records, next_cursor: page.value.nextCursor });
  };
