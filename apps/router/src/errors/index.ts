export { AuthenticationError } from './authentication-error.ts';
export { ConflictError } from './conflict-error.ts';
export { type ErrorEnvelope, GatewayError, type GatewayErrorType } from './gateway-error.ts';
export { InvalidRequestError } from './invalid-request-error.ts';
export { ModelNotFoundError } from './model-not-found-error.ts';
export { NotFoundError } from './not-found-error.ts';
export { PermissionError } from './permission-error.ts';
export {
  ProviderKeyRejectedError,
  ProviderRefusedRequestError,
} from './provider-refused-request-error.ts';
export { StreamInterruptedError, streamFailureOf } from './stream-interrupted-error.ts';
export { parseRetryAfter, toGatewayError } from './to-gateway-error.ts';
export { UpstreamError } from './upstream-error.ts';
export { UpstreamTimeoutError } from './upstream-timeout-error.ts';
