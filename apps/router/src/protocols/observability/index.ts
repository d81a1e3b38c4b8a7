import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { generationRoute } from './generation-route.ts';
import { metricsAuth, metricsRoute } from './metrics-route.ts';
import type { ObservabilityRouteDeps } from './observability-route-deps.ts';
import { requestsRoute } from './requests-route.ts';
import { statsRoute } from './stats-route.ts';

export type { ObservabilityRouteDeps } from './observability-route-deps.ts';

type AuthDeps = Pick<RouterDeps, 'adminKey' | 'config' | 'env'>;

/**
 * The observability API, mounted at `/api/v1` before the management API: `/generation` for any
 * key (its own requests, or its scope's), `/requests` and `/stats` for management keys.
 * @example app.route('/api/v1', observabilityRoutes(deps, routeDeps));
 */
export function observabilityRoutes(routerDeps: AuthDeps, deps: ObservabilityRouteDeps) {
  const routes = new Hono<RouterEnv>();
  const manage = apiKeyAuth(routerDeps, { audience: 'management', fresh: true });
  const self = apiKeyAuth(routerDeps, { audience: 'self', fresh: true });
  routes.get('/generation', self, generationRoute(deps));
  routes.get('/requests', manage, requestsRoute(deps));
  routes.get('/stats', manage, statsRoute(deps));
  for (const path of ['/generation', '/requests', '/stats']) {
    routes.all(path, (c) => methodNotAllowed(c, `/api/v1${path}`));
  }
  return routes;
}

/**
 * `GET /metrics` (Prometheus) and `GET /v1/generation` (where the `@ai-sdk/gateway` client looks
 * a generation up), mounted at the root.
 * @example app.route('/', rootObservabilityRoutes(deps, routeDeps));
 */
export function rootObservabilityRoutes(routerDeps: AuthDeps, deps: ObservabilityRouteDeps) {
  const routes = new Hono<RouterEnv>();
  routes.get('/metrics', metricsAuth(routerDeps, deps.metricsToken), metricsRoute(deps));
  routes.get(
    '/v1/generation',
    apiKeyAuth(routerDeps, { audience: 'self', fresh: true }),
    generationRoute(deps),
  );
  for (const path of ['/metrics', '/v1/generation'])
    routes.all(path, (c) => methodNotAllowed(c, path));
  return routes;
}

function methodNotAllowed(
  c: { json: (body: unknown, status: 405, headers: Record<string, string>) => Response },
  path: string,
) {
  const error = new InvalidRequestError({
    message: `Method not allowed: ${path} accepts GET.`,
    statusCode: 405,
    code: 'method_not_allowed',
  });
  return c.json(error.toJSON(), 405, { allow: 'GET' });
}
