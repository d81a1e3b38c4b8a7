import type { Context, MiddlewareHandler } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { PermissionError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { prometheusContentType, renderPrometheus } from '../../observability/prometheus-text.ts';
import { recordScopeOf } from '../../observability/record-access.ts';
import { observabilityKeys } from '../../observability/store-keys.ts';
import { configuredTargetIds } from '../../routing/configured-targets.ts';
import type { ObservabilityRouteDeps } from './observability-route-deps.ts';

/**
 * Lets `/metrics` be read with `Authorization: Bearer <SWITCHYARD_METRICS_TOKEN>` (for a
 * scraper that should read nothing else), or with the admin key or a management key that is not
 * limited to a team (the metrics span every team).
 * @example app.get('/metrics', metricsAuth(deps, env.SWITCHYARD_METRICS_TOKEN), metricsRoute(deps));
 */
export const metricsAuth = (
  routerDeps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  metricsToken: string | undefined,
): MiddlewareHandler<RouterEnv> => {
  const manage = apiKeyAuth(routerDeps, { audience: 'management', fresh: true });
  return async function metricsAuth(c, next) {
    const presented = c.req
      .header('authorization')
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim();
    if (metricsToken && presented && (await sameSecret(presented, metricsToken))) return next();
    return manage(c, async () => {
      if (recordScopeOf(c.get('principal')).kind !== 'all') {
        throw new PermissionError(
          'The metrics span every team: use the admin key, an unlimited management key or the metrics token.',
        );
      }
      await next();
    });
  };
};

/**
 * `GET /metrics`: Prometheus text rendered from the all-time series in the store (so every
 * router process and Worker isolate answers the same) and each configured target's circuit.
 * @example app.get('/metrics', metricsAuth(deps, token), metricsRoute(deps));
 */
export const metricsRoute = (deps: ObservabilityRouteDeps) => {
  const targets = configuredTargetIds(deps.config);
  return async function metrics(c: Context<RouterEnv>) {
    const { store } = deps.observability;
    const [read, open] = await Promise.all([
      store.getFieldsMany([observabilityKeys.metrics, observabilityKeys.keyMetrics]),
      Promise.all(targets.map(async (target) => (await deps.circuits.state(target)) === 'open')),
    ]);
    if (read.status === 'unavailable') throw read.error;
    const [series = {}, keys = {}] = read.value;
    const body = renderPrometheus({
      series,
      keys,
      circuits: targets.map((target, index) => [target, open[index] === true]),
    });
    return c.body(body, 200, { 'content-type': prometheusContentType });
  };
};

/** Compares two secrets in time independent of where they differ. */
async function sameSecret(presented: string, expected: string): Promise<boolean> {
  const digest = async (text: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(presented), digest(expected)]);
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
