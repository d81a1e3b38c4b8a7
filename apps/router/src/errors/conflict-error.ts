import { GatewayError } from './gateway-error.ts';

/** The change clashes with what is stored: an id taken, a team that still has keys (409). */
export class ConflictError extends GatewayError {
  constructor(message: string) {
    super({ message, statusCode: 409, type: 'invalid_request_error', code: 'conflict' });
    this.name = 'ConflictError';
  }
}
