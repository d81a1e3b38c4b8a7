import { GatewayError } from './gateway-error.ts';

/** No gateway key was sent: the message says where it goes (clients show it to newcomers). */
const missingGatewayKeyMessage =
  'Missing gateway key: send a key of this Switchyard router as `Authorization: Bearer <key>` or `x-api-key: <key>`.';

/** Missing or wrong API key (401). */
export class AuthenticationError extends GatewayError {
  constructor(message = missingGatewayKeyMessage) {
    super({ message, statusCode: 401, type: 'authentication_error', code: 'invalid_api_key' });
    this.name = 'AuthenticationError';
  }
}
