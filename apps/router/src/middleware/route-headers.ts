import type { MiddlewareHandler } from 'hono';
import type { RouteFacts, RouterEnv } from '../context.ts';

/** Explains the routing decision in response headers, on success and on failure. */
export const routeHeaders = (): MiddlewareHandler<RouterEnv> =>
  async function routeHeaders(c, next) {
    await next();
    const route = c.get('route');
    if (route === undefined) return;
    const headers = c.res.headers;
    if (route.served !== undefined) {
      headers.set('x-switchyard-provider', route.served.providerId);
      headers.set('x-switchyard-model', route.served.modelId);
    }
    headers.set('x-switchyard-attempts', String(route.attempts.length));
    headers.set('x-switchyard-cache', 'BYPASS');
    headers.set('x-switchyard-route', formatRoute(route));
  };

/** `model=chat; targets=mock/down,mock/echo; attempts=mock/down:503:12ms,mock/echo:ok:3ms` */
export function formatRoute(route: RouteFacts): string {
  const attempts = route.attempts.map(
    (attempt) =>
      `${attempt.target}:${attempt.outcome === 'ok' ? 'ok' : (attempt.status ?? attempt.code ?? 'error')}:${Math.round(attempt.durationMs)}ms`,
  );
  return `model=${route.requested}; targets=${route.targets.join(',')}; attempts=${attempts.join(',')}`;
}
