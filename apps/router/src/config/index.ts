export { demoConfig } from './demo-config.ts';
export { ConfigError, parseConfig, resolveSecret } from './load-config.ts';
export type {
  MockModelConfig,
  ProviderConfig,
  ProviderType,
  RouterConfig,
  RouterConfigInput,
} from './schema.ts';
