import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import type { PipelineDeps } from '../../pipeline/route-request.ts';
import { readTargetHealth } from './target-health.ts';

/**
 * `GET /api/v1/targets/health`, mounted at `/api/v1` before the management API: each configured
 * target's health window, circuit state and price, and each alias's health scores, for any
 * management key (they say nothing about keys or teams). Read-only; one answer for all targets.
 * @example app.route('/api/v1', targetHealthRoutes(deps, pipeline));
 */
export function targetHealthRoutes(
  routerDeps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  pipeline: Pick<PipelineDeps, 'config' | 'state'>,
): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  const manage = apiKeyAuth(routerDeps, { audience: 'management', fresh: true });
  routes.get('/targets/health', manage, async (c) =>
    c.json({ data: await readTargetHealth(pipeline.config, pipeline.state) }),
  );
  const error = new InvalidRequestError({
    message: 'Method not allowed: /api/v1/targets/health accepts GET.',
    statusCode: 405,
    code: 'method_not_allowed',
  });
  routes.all('/targets/health', (c) => c.json(error.toJSON(), 405, { allow: 'GET' }));
  return routes;
}
