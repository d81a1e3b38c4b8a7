import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { describeKey, describeTeam } from '../../governance/records/describe-record.ts';
import { listKeys, listTeams } from '../../governance/records/list-records.ts';
import { readScopeUsage, type ScopeUsage } from '../../governance/records/scope-usage.ts';
import type { ScopeLimits } from '../../governance/scope-record.ts';
import { governanceKeys, scopeName } from '../../governance/store-keys.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { listKeysQuerySchema } from '../management/key-schemas.ts';
import {
  type ManagementDeps,
  managementContext,
  succeeded,
} from '../management/management-deps.ts';
import { parseInput } from '../management/parse-input.ts';
import { usageFields } from '../management/usage-fields.ts';

/**
 * `GET /api/v1/usage/keys` and `GET /api/v1/usage/teams`, mounted at `/api/v1` before the
 * management API: the keys (same query as `GET /api/v1/keys`) or teams the caller may see, each
 * with its spend against its budget, in one answer, so a list never asks once per row.
 * @example app.route('/api/v1', scopeUsageRoutes(deps, managementDeps));
 */
export function scopeUsageRoutes(
  routerDeps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  deps: ManagementDeps,
): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  const manage: MiddlewareHandler<RouterEnv> = apiKeyAuth(routerDeps, {
    audience: 'management',
    fresh: true,
  });

  routes.get('/usage/keys', manage, async (c) => {
    const context = managementContext(c, deps, 'read');
    const query = parseInput(listKeysQuerySchema, c.req.query(), 'query');
    const keys = succeeded(
      await listKeys(context, {
        offset: query.offset,
        limit: query.limit,
        includeDisabled: query.include_disabled,
        ...(query.team_id !== undefined && { teamId: query.team_id }),
      }),
    );
    const usage = await usageOfScopes(
      deps,
      keys.map((key) => scopeName({ kind: 'key', id: key.scopeId })),
    );
    return c.json({
      data: keys.map((key, index) => ({
        ...describeKey(key),
        usage: usageOf(key.limits, usage[index]),
      })),
    });
  });

  routes.get('/usage/teams', manage, async (c) => {
    const teams = succeeded(await listTeams(managementContext(c, deps, 'read')));
    const [usage, members] = await Promise.all([
      usageOfScopes(
        deps,
        teams.map((team) => scopeName({ kind: 'team', id: team.id })),
      ),
      deps.store.getFieldsMany(teams.map((team) => governanceKeys.teamKeys(team.id))),
    ]);
    if (members.status === 'unavailable') throw members.error;
    return c.json({
      data: teams.map((team, index) => ({
        ...describeTeam(team),
        usage: usageOf(team.limits, usage[index]),
        key_count: Object.keys(members.value[index] ?? {}).length,
      })),
    });
  });

  for (const path of ['/usage/keys', '/usage/teams']) {
    const error = new InvalidRequestError({
      message: `Method not allowed: /api/v1${path} accepts GET.`,
      statusCode: 405,
      code: 'method_not_allowed',
    });
    routes.all(path, (c) => c.json(error.toJSON(), 405, { allow: 'GET' }));
  }
  return routes;
}

/** The spend counters of each scope; the reads go out together (one pipeline on Upstash). */
async function usageOfScopes(deps: ManagementDeps, scopes: string[]): Promise<ScopeUsage[]> {
  const now = deps.now();
  const reads = await Promise.all(scopes.map((scope) => readScopeUsage(deps.store, scope, now)));
  return reads.map((read) => {
    if (read.status === 'unavailable') throw read.error;
    return read.value;
  });
}

const noUsage: ScopeUsage = { all: 0, daily: 0, weekly: 0, monthly: 0 };

const usageOf = (limits: ScopeLimits, usage: ScopeUsage | undefined) =>
  usageFields(limits, usage ?? noUsage);
