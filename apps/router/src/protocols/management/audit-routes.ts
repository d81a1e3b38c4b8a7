import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { listAuditEntries } from '../../governance/records/audit-log.ts';
import { readManagedTeam } from '../../governance/records/manage-teams.ts';
import { auditQuerySchema } from './audit-schemas.ts';
import { type ManagementDeps, managementContext, succeeded } from './management-deps.ts';
import { parseInput } from './parse-input.ts';

/**
 * `GET /api/v1/audit`: management changes, newest first; `next_cursor` fetches the next page.
 * A team-limited management key sees its team's entries only, from the team's creation on.
 * @example routes.route('/audit', auditRoutes(deps, manageAuth));
 */
export function auditRoutes(deps: ManagementDeps, auth: MiddlewareHandler<RouterEnv>) {
  const routes = new Hono<RouterEnv>();
  routes.get('/', auth, async (c) => {
    const context = managementContext(c, deps, 'read');
    const query = parseInput(auditQuerySchema, c.req.query(), 'query');
    const limited =
      context.team === undefined
        ? {}
        : {
            team: context.team,
            since: succeeded(await readManagedTeam(context, context.team)).createdAt,
          };
    const page = succeeded(
      await listAuditEntries(
        deps.store,
        { ...query, ...limited },
        { now: context.now, retentionDays: context.auditRetentionDays },
      ),
    );
    return c.json({ data: page.entries, next_cursor: page.nextCursor });
  });
  return routes;
}
