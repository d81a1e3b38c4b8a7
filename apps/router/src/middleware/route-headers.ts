import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import { routeHeaders as headersOf } from '../facts/route-headers.ts';

/**
 * Explains the routing decision in response headers, on success and on failure. Every value is
 * made header-safe first, so nothing here can throw after the upstream answered.
 */
export const routeHeaders = (): MiddlewareHandler<RouterEnv> =>
  async function routeHeaders(c, next) {
    await next();
    const route = c.get('route');
    if (route === undefined) return;
    for (const [name, value] of Object.entries(headersOf(route))) c.res.headers.set(name, value);
  };
