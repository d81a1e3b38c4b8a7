import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { RouterConfig } from './config/index.ts';
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
}

export interface RouteFacts {
  requested: string;
  alias?: string;
  targets: string[];
  attempts: AttemptRecord[];
  served?: { providerId: string; modelId: string };
}

export interface RouterVariables {
  requestId: string;
  config: RouterConfig;
  registry: ProviderRegistry;
  body: unknown;
  route: RouteFacts | undefined;
}

export interface RouterEnv {
  Variables: RouterVariables;
}
