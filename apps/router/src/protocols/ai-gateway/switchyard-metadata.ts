import type { JSONObject, SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { formatRoute } from '../../facts/format-route.ts';
import type { RouteFacts } from '../../facts/route-facts.ts';

/**
 * `providerMetadata.switchyard`: the facts of the `x-switchyard-*` headers, for callers that
 * only see the AI SDK result.
 */
export function switchyardMetadata(route: RouteFacts | undefined, requestId: string): JSONObject {
  return {
    provider: route?.served?.providerId ?? null,
    model: route?.served?.modelId ?? null,
    attempts: route?.attempts.length ?? 0,
    // Start times are for traces; the wire keeps the documented attempt fields.
    attemptLog: route?.attempts.map(({ startMs: _startMs, ...attempt }) => attempt) ?? [],
    route: route === undefined ? null : formatRoute(route),
    cache: route?.cache?.status ?? 'BYPASS',
    ...(route?.cache?.savedCost !== undefined && { savedCost: { ...route.cache.savedCost } }),
    cost: route?.cost === undefined ? null : { ...route.cost },
    // What the guardrails did, as in `x-switchyard-guardrails`: never the text or its hash.
    ...(route?.guardrails !== undefined &&
      route.guardrails.length > 0 && {
        guardrails: route.guardrails.map(({ rule, direction, action, mode, count }) => ({
          rule,
          direction,
          action,
          mode,
          count,
        })),
      }),
    requestId,
  };
}

/** Adds `switchyard` beside whatever the provider reported, which is kept as it is. */
export function withSwitchyardMetadata(
  providerMetadata: SharedV4ProviderMetadata | undefined,
  switchyard: JSONObject,
): SharedV4ProviderMetadata {
  return { ...providerMetadata, switchyard };
}
