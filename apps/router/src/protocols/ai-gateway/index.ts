import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { idempotency } from '../../middleware/idempotency.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { providerKeys } from '../../middleware/provider-keys.ts';
import { routeHeaders } from '../../middleware/route-headers.ts';
import { aiGatewayErrorHandler, toAIGatewayErrorEnvelope } from './ai-gateway-error.ts';
import { configRoute } from './config-route.ts';
import { embeddingModelRoute } from './embedding-model-route.ts';
import { imageModelRoute } from './image-model-route.ts';
import { languageModelRoute } from './language-model-route.ts';
import { rerankingModelRoute } from './reranking-model-route.ts';
import { specificationVersionHeader } from './specification-version-header.ts';

const methods = [
  ['/language-model', 'POST'],
  ['/embedding-model', 'POST'],
  ['/image-model', 'POST'],
  ['/reranking-model', 'POST'],
  ['/config', 'GET'],
] as const;

/**
 * The `@ai-sdk/gateway` wire protocol, for `createGateway({ baseURL: '<router>/v4/ai' })` (the
 * client's default path; `/v1/ai` serves the same routes). Its errors, unknown routes included,
 * use this protocol's `type` names.
 * @example app.route('/v4/ai', aiGatewayRoutes(deps));
 */
export function aiGatewayRoutes(deps: RouterDeps): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  routes.onError(aiGatewayErrorHandler);
  routes.use(routeHeaders());
  const auth = apiKeyAuth(deps);
  // The model list never passes admission, which is what checks a cached key against the store.
  const freshAuth = apiKeyAuth(deps, { fresh: true });
  const keys = providerKeys(deps);
  const body = jsonBody(deps.config.server.maxBodyBytes);
  const version = specificationVersionHeader;
  const once = idempotency();
  routes.post('/language-model', version('language'), auth, keys, body, once, languageModelRoute);
  routes.post(
    '/embedding-model',
    version('embedding'),
    auth,
    keys,
    body,
    once,
    embeddingModelRoute,
  );
  routes.post('/image-model', version('image'), auth, keys, body, once, imageModelRoute);
  routes.post(
    '/reranking-model',
    version('reranking'),
    auth,
    keys,
    body,
    once,
    rerankingModelRoute,
  );
  routes.get('/config', freshAuth, configRoute(deps.config));
  for (const [path, allowed] of methods) {
    routes.all(path, (c) => {
      // The whole path, since these routes are mounted under a prefix (`/v4/ai`).
      const error = new InvalidRequestError({
        message: `Method not allowed: ${c.req.routePath} accepts ${allowed}.`,
        statusCode: 405,
        code: 'method_not_allowed',
      });
      return c.json(toAIGatewayErrorEnvelope(error), 405, { allow: allowed });
    });
  }
  // The parent app's notFound would answer in the OpenAI names.
  routes.all('*', () => {
    throw new InvalidRequestError({
      message: 'No such route.',
      statusCode: 404,
      code: 'not_found',
    });
  });
  return routes;
}
