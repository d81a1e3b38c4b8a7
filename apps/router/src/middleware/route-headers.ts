import type { MiddlewareHandler } from 'hono';
import type { RouteFacts, RouterEnv } from '../context.ts';
import { formatWarnings } from '../routing/require-parameters.ts';

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
    headers.set('x-switchyard-cache', route.cache?.status ?? 'BYPASS');
    if (route.cache?.key !== undefined) headers.set('x-switchyard-cache-key', route.cache.key);
    if (route.cache?.ageSeconds !== undefined) headers.set('age', String(route.cache.ageSeconds));
    headers.set('x-switchyard-route', formatRoute(route));
    if (route.warnings?.length)
      headers.set('x-switchyard-warnings', formatWarnings(route.warnings));
  };

/**
 * `model=chat; rule=0; order=health; targets=mock/echo(0.93),mock/down(0.12);
 * skipped=mock/x(circuit-open); attempts=mock/echo:ok:3ms`
 */
export function formatRoute(route: RouteFacts): string {
  const targets = route.targets.map((target) => {
    const score = route.scores?.[target];
    return score === undefined ? target : `${target}(${score})`;
  });
  const attempts = route.attempts.map(
    (attempt) =>
      `${attempt.target}:${attempt.outcome === 'ok' ? 'ok' : (attempt.status ?? attempt.code ?? 'error')}:${Math.round(attempt.durationMs)}ms`,
  );
  const parts = [`model=${route.requested}`];
  if (route.rule !== undefined) parts.push(`rule=${route.rule}`);
  if (route.reason !== undefined) parts.push(`order=${route.reason}`);
  parts.push(`targets=${targets.join(',')}`);
  if (route.skipped !== undefined) {
    parts.push(
      `skipped=${route.skipped.map((skip) => `${skip.target}(${skip.reason})`).join(',')}`,
    );
  }
  parts.push(`attempts=${attempts.join(',')}`);
  return parts.join('; ');
}
