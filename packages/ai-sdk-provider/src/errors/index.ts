export { SwitchyardAuthenticationError } from './switchyard-authentication-error.ts';
export { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';
export { SwitchyardInvalidRequestError } from './switchyard-invalid-request-error.ts';
export {
  SwitchyardModelNotFoundError,
  type SwitchyardModelNotFoundErrorOptions,
} from './switchyard-model-not-found-error.ts';
export { SwitchyardNotFoundError } from './switchyard-not-found-error.ts';
export { SwitchyardRateLimitError } from './switchyard-rate-limit-error.ts';
export { SwitchyardUpstreamError } from './switchyard-upstream-error.ts';
