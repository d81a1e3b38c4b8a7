import { Hono } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import type { ManagementDeps } from '../management/index.ts';
import { readCredits } from '../management/self-routes.ts';
import { aiGatewayErrorHandler, toAIGatewayErrorEnvelope } from './ai-gateway-error.ts';

/**
 * `GET /v1/credits` in the shape `@ai-sdk/gateway`'s `getCredits()` reads: dollars as decimal
 * strings. `balance` is what the key's budget has left, `"Infinity"` for a key without a budget
 * (`Number("Infinity")` reads it back); the numbers are those of `/api/v1/credits`.
 */
export function creditsBody(credits: { totalCredits: number | null; totalUsage: number }) {
  const { totalCredits, totalUsage } = credits;
  return {
    balance: totalCredits === null ? 'Infinity' : dollars(Math.max(0, totalCredits - totalUsage)),
    total_used: dollars(totalUsage),
  };
}

/** At most nine decimals (nanodollars, as spend is counted), without float noise. */
const dollars = (value: number) => String(Number(value.toFixed(9)));

/**
 * The routes `@ai-sdk/gateway` calls on the host root rather than under its base path:
 * `GET /v1/credits` (the caller's own budget), errors in this protocol's envelope.
 * @example app.route('/', aiGatewayRootRoutes(deps, managementDeps));
 */
export function aiGatewayRootRoutes(
  routerDeps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  deps: ManagementDeps,
): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  routes.onError(aiGatewayErrorHandler);
  // As /api/v1/credits, every key may ask about itself, read fresh so a revoked key is refused
  // at once.
  const self = apiKeyAuth(routerDeps, { audience: 'self', fresh: true });
  routes.get('/v1/credits', self, async function credits(c) {
    return c.json(creditsBody(await readCredits(deps, c.get('principal'))));
  });
  routes.all('/v1/credits', (c) => {
    const error = new InvalidRequestError({
      message: 'Method not allowed: /v1/credits accepts GET.',
      statusCode: 405,
      code: 'method_not_allowed',
    });
    return c.json(toAIGatewayErrorEnvelope(error), 405, { allow: 'GET' });
  });
  return routes;
}
