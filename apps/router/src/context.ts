import type { LanguageModelV4Usage, SharedV4Warning } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { Context } from 'hono';
import type { Cost } from './accounting/compute-cost.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import type { RouterConfig } from './config/index.ts';
import type { CircuitBreaker } from './health/circuit-breaker.ts';
import type { HealthTracker } from './health/health-tracker.ts';
import type { RequestLogger } from './middleware/request-log.ts';
import type { ProviderRegistry } from './providers/provider-registry.ts';
import type { AttemptRecord } from './routing/attempt.ts';
import type { Store } from './store/store.ts';

/** What the runtime entry (Workers or Node) hands to `createApp`. */
export interface RouterDeps {
  config: RouterConfig;
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
}

/** Why the request went where it went; headers, provider metadata and the log show it. */
export interface RouteFacts {
  requested: string;
  alias?: string;
  /** The alias rule that matched, by index. */
  rule?: number;
  /** The strategy or sort that ordered the targets (`ordered`, `health`, `sort:price`, ...). */
  reason?: string;
  /** Targets in the order they were to be tried, with health scores where scored. */
  targets: string[];
  scores?: Record<string, number>;
  skipped?: { target: string; reason: string }[];
  attempts: AttemptRecord[];
  served?: { providerId: string; modelId: string };
  /** Known once the served call reported its usage (after the stream, for streams). */
  usage?: LanguageModelV4Usage;
  cost?: Cost;
  cache?: CacheFacts;
  /** What the serving provider reported it ignored or adapted (`x-switchyard-warnings`). */
  warnings?: SharedV4Warning[];
}

/** What the response cache did for this request. */
export interface CacheFacts {
  status: 'HIT' | 'MISS' | 'BYPASS';
  /** The first 16 hex digits of the key. */
  key?: string;
  ageSeconds?: number;
  /** On a hit: what the cached answer cost when it was made. */
  savedCost?: Cost;
}

export interface RouterVariables {
  requestId: string;
  config: RouterConfig;
  registry: ProviderRegistry;
  health: HealthTracker;
  circuits: CircuitBreaker;
  cache: ResponseCache;
  /** Whose request this is: cache entries and limits never cross tenants. */
  tenant: string;
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
