import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { Context } from 'hono';
import type { RouterConfig } from './config/index.ts';
import type { RouteFacts } from './facts/route-facts.ts';
import type { Principal } from './governance/principal.ts';
import type { Authenticator } from './governance/records/authenticator.ts';
import type { IdempotencyStore } from './idempotency/idempotency-store.ts';
import type { RequestLogger } from './middleware/request-log.ts';
import type { PipelineDeps } from './pipeline/route-request.ts';
import type { ProviderRegistry } from './providers/provider-registry.ts';
import type { Store } from './store/store.ts';

/** What the runtime entry (Workers or Node) hands to `createApp`. */
export interface RouterDeps {
  config: RouterConfig;
  /** The shared state; `createApp` guards it (time budget, store breaker, explicit results). */
  store: Store;
  /** Bearer key accepted by the API; without it every authenticated route answers 401. */
  adminKey?: string;
  /** Where `env:NAME` secrets in the config are read from. */
  env?: Readonly<Record<string, unknown>>;
  /** The HTTP client handed to provider packages. */
  fetch?: FetchFunction;
  /** Receives one entry per request; defaults to a JSON line on the console. */
  logger?: RequestLogger;
  /** True where requests come with an execution context (Workers): background work uses it. */
  hasExecutionContext?: boolean;
  /** Clock in epoch ms (default `Date.now`): key expiry, audit times, usage periods. */
  now?: () => number;
  /**
   * The caller's address as the runtime knows it (the socket on Node, `cf-connecting-ip` on
   * Workers), for the audit log; request headers are not trusted unless the runtime says so.
   */
  clientAddress?: (c: Context<RouterEnv>) => string | undefined;
}

export interface RouterVariables {
  requestId: string;
  config: RouterConfig;
  /** The request pipeline's shared parts: config, health and circuits, response cache. */
  pipeline: PipelineDeps;
  /** The request's providers: the shared ones, or its own when it brings keys. */
  registry: ProviderRegistry;
  /** Providers this request calls with its own keys (`x-switchyard-provider-keys`). */
  requestKeyProviders: ReadonlySet<string>;
  /** Whose request this is: cache entries and limits never cross tenants. */
  tenant: string;
  /** Who is calling: root, a config key, or a stored key with its team. */
  principal: Principal;
  /**
   * Finds the principal of a presented key; `reload(hash)` re-reads a stored key whose cached
   * copy the admission script found stale. Set by `createApp`.
   */
  authenticator?: Authenticator;
  /** Where `Idempotency-Key` answers are kept; set by `createApp` (without it keys are ignored). */
  idempotency?: IdempotencyStore;
  hasExecutionContext: boolean;
  body: unknown;
  route: RouteFacts | undefined;
}

export interface RouterEnv {
  Variables: RouterVariables;
}

/**
 * Runs `promise` after the response: through the execution context's `waitUntil` on Workers;
 * elsewhere (Node) it simply finishes on its own.
 */
export function waitUntil(c: Context<RouterEnv>, promise: Promise<unknown>): void {
  const settled = promise.catch(() => undefined);
  if (c.get('hasExecutionContext')) c.executionCtx.waitUntil(settled);
}
