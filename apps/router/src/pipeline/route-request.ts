import type { CacheRequest } from '../cache/cache-decision.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { RouterConfig } from '../config/index.ts';
import type { RouteFacts } from '../facts/route-facts.ts';
import type { GovernanceDeps } from '../governance/policy/governance-deps.ts';
import type { Principal } from '../governance/principal.ts';
import type { Guardrails } from '../guardrails/policy/guardrails.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { RequestControls } from '../routing/request-controls.ts';
import type { RouteState } from '../routing/route-state.ts';

/** One inference request as the protocol layer hands it over: plain values, no HTTP. */
export interface RouteRequest<Call> {
  /** Whose request this is: cache entries (and limits) never cross tenants. */
  tenant: string;
  /** Who is calling: their key's and team's limits and allowlists apply. */
  principal: Principal;
  /** The model the client asked for: an alias or `provider/model` (validated on resolution). */
  model: string;
  /** The canonical call: AI SDK call options. */
  call: Call;
  controls: RequestControls;
  cache: CacheRequest;
  /** The client's signal: when it aborts, everything stops. */
  signal: AbortSignal;
  /** The request's providers (its own, when it brings keys). */
  registry: ProviderRegistry;
  /** Providers called with the request's own keys: their outcomes never feed shared health. */
  requestKeyProviders: ReadonlySet<string>;
  /** Filled as the request goes: headers, metadata and the log read it. */
  facts: RouteFacts;
  /** Runs work after the response (waitUntil on Workers). */
  background: (work: Promise<unknown>) => void;
}

/** What every request shares: the config and the state behind routing and caching. */
export interface PipelineDeps {
  config: RouterConfig;
  state: RouteState;
  cache: ResponseCache;
  /** Keys, limits and budgets; without it requests are admitted unmetered. */
  governance?: GovernanceDeps;
  /** The config's guardrails, compiled with the server's hash key (else compiled on first use). */
  guardrails?: Guardrails;
}

/** The answer, and the `provider/model` that finished it. */
export interface RouteOutcome<T> {
  value: T;
  model: string;
}
