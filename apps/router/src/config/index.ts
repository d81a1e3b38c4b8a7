export { demoConfig } from './demo-config.ts';
export { ConfigError, parseConfig, resolveSecret } from './load-config.ts';
export type {
  AliasConfig,
  HttpProviderConfig,
  HttpProviderType,
  MockModelConfig,
  ProviderConfig,
  ProviderType,
  RouterConfig,
  RouterConfigInput,
  RoutingStrategy,
} from './schema.ts';
