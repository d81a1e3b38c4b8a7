export * from './errors/index.ts';
export type {
  SwitchyardAvailableModels,
  SwitchyardModelEntry,
} from './get-available-models.ts';
export {
  createGateway,
  gateway,
  type SwitchyardProvider,
  type SwitchyardProviderSettings,
} from './switchyard-provider.ts';
export type {
  SwitchyardAttempt,
  SwitchyardGuardrailAction,
  SwitchyardProviderMetadata,
} from './switchyard-provider-metadata.ts';
export {
  type SwitchyardProviderOptions,
  switchyardProviderOptionsSchema,
} from './switchyard-provider-options.ts';
export { VERSION } from './version.ts';
