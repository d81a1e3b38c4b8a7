import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { describeTeam } from '../../governance/records/describe-record.ts';
import { listTeams } from '../../governance/records/list-records.ts';
import {
  createTeam,
  deleteTeam,
  readManagedTeam,
  updateTeam,
} from '../../governance/records/manage-teams.ts';
import { readScopeUsage } from '../../governance/records/scope-usage.ts';
import { governanceKeys, scopeName } from '../../governance/store-keys.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { type ManagementDeps, managementContext, succeeded } from './management-deps.ts';
import { parseInput } from './parse-input.ts';
import { createTeamSchema, toTeamPatch, toTeamSettings, updateTeamSchema } from './team-schemas.ts';
import { usageFields } from './usage-fields.ts';

/**
 * `/api/v1/teams`: create, list, read, change and delete teams (409 while a team has keys), and
 * read a team's spend.
 * @example routes.route('/teams', teamRoutes(deps, manageAuth));
 */
export function teamRoutes(deps: ManagementDeps, auth: MiddlewareHandler<RouterEnv>) {
  const routes = new Hono<RouterEnv>();
  const body = jsonBody(deps.config.server.maxBodyBytes);

  routes.post('/', auth, body, async (c) => {
    const context = managementContext(c, deps, 'write');
    const input = parseInput(createTeamSchema, c.get('body'), 'body');
    const team = succeeded(await createTeam(context, input.id, toTeamSettings(input)));
    return c.json({ data: describeTeam(team) }, 201);
  });

  routes.get('/', auth, async (c) => {
    const teams = succeeded(await listTeams(managementContext(c, deps, 'read')));
    return c.json({ data: teams.map(describeTeam) });
  });

  routes.get('/:id', auth, async (c) => {
    const context = managementContext(c, deps, 'read');
    return c.json({
      data: describeTeam(succeeded(await readManagedTeam(context, c.req.param('id')))),
    });
  });

  routes.patch('/:id', auth, body, async (c) => {
    const context = managementContext(c, deps, 'write');
    const input = parseInput(updateTeamSchema, c.get('body'), 'body');
    const team = succeeded(await updateTeam(context, c.req.param('id'), toTeamPatch(input)));
    return c.json({ data: describeTeam(team) });
  });

  routes.delete('/:id', auth, async (c) => {
    const context = managementContext(c, deps, 'write');
    const id = c.req.param('id');
    succeeded(await deleteTeam(context, id));
    return c.json({ data: { id, deleted: true } });
  });

  routes.get('/:id/usage', auth, async (c) => {
    const context = managementContext(c, deps, 'read');
    const team = succeeded(await readManagedTeam(context, c.req.param('id')));
    const scope = scopeName({ kind: 'team', id: team.id });
    const [usage, members] = await Promise.all([
      readScopeUsage(deps.store, scope, context.now),
      deps.store.getFields(governanceKeys.teamKeys(team.id)),
    ]);
    if (usage.status === 'unavailable') throw usage.error;
    if (members.status === 'unavailable') throw members.error;
    const keyCount = members.status === 'value' ? Object.keys(members.value).length : 0;
    return c.json({
      data: { id: team.id, ...usageFields(team.limits, usage.value), key_count: keyCount },
    });
  });

  return routes;
}
