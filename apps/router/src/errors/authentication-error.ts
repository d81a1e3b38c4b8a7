import { GatewayError } from './gateway-error.ts';

/** Missing or wrong API key (401). */
export class AuthenticationError extends GatewayError {
  constructor(message = 'Missing or invalid API key. Send it as `Authorization: Bearer <key>`.') {
    super({ message, statusCode: 401, type: 'authentication_error', code: 'invalid_api_key' });
    this.name = 'AuthenticationError';
  }
}
