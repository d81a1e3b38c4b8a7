import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { idempotency } from '../../middleware/idempotency.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { providerKeys } from '../../middleware/provider-keys.ts';
import { routeHeaders } from '../../middleware/route-headers.ts';
import { anthropicErrorHandler, anthropicErrorOf } from './anthropic-error.ts';
import { countTokensRoute } from './count-tokens-route.ts';
import { messagesRoute } from './messages-route.ts';

export { anthropicModelsRoute } from './models-route.ts';

/**
 * The Anthropic Messages API, for Claude Code and the Anthropic SDKs
 * (`ANTHROPIC_BASE_URL=<router>`): `POST /` and `POST /count_tokens` under `/v1/messages`. Keys
 * come as `x-api-key` or `Authorization: Bearer`; every error, unknown routes included, is in
 * Anthropic's envelope.
 * @example app.route('/v1/messages', anthropicMessagesRoutes(deps));
 */
export function anthropicMessagesRoutes(deps: RouterDeps): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  routes.onError(anthropicErrorHandler);
  routes.use(requestIdHeader(), routeHeaders());
  const auth = apiKeyAuth(deps);
  // count_tokens never passes admission, which is what checks a cached key against the store.
  const freshAuth = apiKeyAuth(deps, { fresh: true });
  const body = jsonBody(deps.config.server.maxBodyBytes);
  routes.post('/', auth, providerKeys(deps), body, idempotency(), messagesRoute);
  routes.post('/count_tokens', freshAuth, body, countTokensRoute);
  for (const path of ['/', '/count_tokens']) {
    const { status, body: envelope } = anthropicErrorOf(
      new InvalidRequestError({
        message: `Method not allowed: /v1/messages${path === '/' ? '' : path} accepts POST.`,
        statusCode: 405,
        code: 'method_not_allowed',
      }),
    );
    routes.all(path, (c) => c.json(envelope, status as 405, { allow: 'POST' }));
  }
  // The parent app's notFound would answer in the OpenAI envelope.
  routes.all('*', () => {
    throw new InvalidRequestError({
      message: 'No such route.',
      statusCode: 404,
      code: 'not_found',
    });
  });
  return routes;
}

/** Anthropic's SDKs read the request id from `request-id` (for errors and `_request_id`). */
const requestIdHeader = (): MiddlewareHandler<RouterEnv> =>
  async function requestIdHeader(c, next) {
    await next();
    c.res.headers.set('request-id', c.get('requestId'));
  };
