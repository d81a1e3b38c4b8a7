import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { aiGatewayErrorHandler, toAIGatewayErrorEnvelope } from '../ai-gateway/ai-gateway-error.ts';
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
 * a generation up, so its errors are in that protocol's envelope), mounted at the root.
 * @example app.route('/', rootObservabilityRoutes(deps, routeDeps));
 */
export function rootObservabilityRoutes(routerDeps: AuthDeps, deps: ObservabilityRouteDeps) {
  const routes = new Hono<RouterEnv>();
  routes.get('/metrics', metricsAuth(routerDeps, deps.metricsToken), metricsRoute(deps));
  routes.all('/metrics', (c) => methodNotAllowed(c, '/metrics'));
  const gateway = new Hono<RouterEnv>();
  // Not `authentication_error`: the client would swap the message for Vercel's key advice.
  gateway.onError(aiGatewayErrorHandler);
  gateway.get(
    '/v1/generation',
    apiKeyAuth(routerDeps, { audience: 'self', fresh: true }),
    generationRoute(deps),
  );
  gateway.all('/v1/generation', (c) =>
    methodNotAllowed(c, '/v1/generation', toAIGatewayErrorEnvelope),
  );
  routes.route('/', gateway);
  return routes;
}

function methodNotAllowed(
  c: { json: (body: unknown, status: 405, headers: Record<string, string>) => Response },
  path: string,
  envelope: (error: InvalidRequestError) => unknown = (error) => error.toJSON(),
) {
  const error = new InvalidRequestError({
    message: `Method not allowed: ${path} accepts GET.`,
    statusCode: 405,
    code: 'method_not_allowed',
  });
  return c.json(envelope(error), 405, { allow: 'GET' });
}
