import type { FetchFunction } from '@ai-sdk/provider-utils';

/** What every Switchyard model needs from its provider; settings resolve per request. */
export interface SwitchyardModelConfig {
  /** `switchyard`: the provider name the AI SDK logs and the `providerMetadata` key. */
  provider: string;
  /** The router's AI SDK endpoint without a trailing slash, e.g. `http://127.0.0.1:8787/v1/ai`. */
  baseURL: () => string;
  /** Authorization, protocol version and the app's own headers. */
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction;
}
