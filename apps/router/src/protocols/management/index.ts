import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError, NotFoundError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { auditRoutes } from './audit-routes.ts';
import { keyRoutes } from './key-routes.ts';
import type { ManagementDeps } from './management-deps.ts';
import { selfRoutes } from './self-routes.ts';
import { teamRoutes } from './team-routes.ts';

export type { ManagementDeps } from './management-deps.ts';

/** Every route and the methods it takes, for 405 answers. */
const methods = [
  ['/keys', 'GET, POST'],
  ['/keys/:hash', 'GET, PATCH, DELETE'],
  ['/keys/:hash/rotate', 'POST'],
  ['/key', 'GET'],
  ['/auth/key', 'GET'],
  ['/credits', 'GET'],
  ['/teams', 'GET, POST'],
  ['/teams/:id', 'GET, PATCH, DELETE'],
  ['/teams/:id/usage', 'GET'],
  ['/audit', 'GET'],
] as const;

/**
 * The management API, mounted at `/api/v1`: keys, teams and the audit log for the admin key and
 * management keys; `/key` and `/credits` for any key about itself. Stored keys are always read
 * fresh here, so a revoke takes effect on the next request.
 * @example app.route('/api/v1', managementRoutes(deps, { config, store, keySecret, now }));
 */
export function managementRoutes(
  routerDeps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  deps: ManagementDeps,
): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  const manage = apiKeyAuth(routerDeps, { audience: 'management', fresh: true });
  const self = apiKeyAuth(routerDeps, { audience: 'self', fresh: true });
  routes.route('/keys', keyRoutes(deps, manage));
  routes.route('/teams', teamRoutes(deps, manage));
  routes.route('/audit', auditRoutes(deps, manage));
  routes.route('/', selfRoutes(deps, self));
  for (const [path, allowed] of methods) {
    const error = new InvalidRequestError({
      message: `Method not allowed: /api/v1${path} accepts ${allowed}.`,
      statusCode: 405,
      code: 'method_not_allowed',
    });
    routes.all(path, (c) => c.json(error.toJSON(), 405, { allow: allowed }));
  }
  routes.all('*', () => {
    throw new NotFoundError('No such route in the management API.');
  });
  return routes;
}
