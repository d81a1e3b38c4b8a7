import { formatGuardrails } from './format-guardrails.ts';
import { formatRoute } from './format-route.ts';
import { formatWarnings } from './format-warnings.ts';
import { limitHeaders } from './limit-facts.ts';
import type { RouteFacts } from './route-facts.ts';

/** Longest header value sent; a route over many targets is cut, never refused. */
const maxHeaderLength = 2_048;

/**
 * A value that is always a valid header: visible ASCII and spaces only (anything else, such as a
 * non-Latin-1 character from a request-derived id, would make `Headers.set` throw), bounded.
 */
export function headerSafe(value: string): string {
  const safe = value.replace(/[^\x20-\x7e]/g, '?');
  return safe.length > maxHeaderLength ? `${safe.slice(0, maxHeaderLength - 3)}...` : safe;
}

/** The `x-switchyard-*` response headers that explain a routing decision. */
export function routeHeaders(route: RouteFacts): Record<string, string> {
  const headers: Record<string, string> = {};
  if (route.served !== undefined) {
    headers['x-switchyard-provider'] = route.served.providerId;
    headers['x-switchyard-model'] = route.served.modelId;
  }
  headers['x-switchyard-attempts'] = String(route.attempts.length);
  headers['x-switchyard-cache'] = route.cache?.status ?? 'BYPASS';
  if (route.cache?.key !== undefined) headers['x-switchyard-cache-key'] = route.cache.key;
  if (route.cache?.ageSeconds !== undefined) headers.age = String(route.cache.ageSeconds);
  headers['x-switchyard-route'] = formatRoute(route);
  if (route.warnings?.length) headers['x-switchyard-warnings'] = formatWarnings(route.warnings);
  if (route.guardrails?.length) {
    headers['x-switchyard-guardrails'] = formatGuardrails(route.guardrails);
  }
  if (route.limits !== undefined) Object.assign(headers, limitHeaders(route.limits));
  for (const [name, value] of Object.entries(headers)) headers[name] = headerSafe(value);
  return headers;
}
