import { GatewayError } from './gateway-error.ts';

/** A management resource (key, team) that does not exist or that the caller may not see (404). */
export class NotFoundError extends GatewayError {
  constructor(message: string) {
    super({ message, statusCode: 404, type: 'not_found_error', code: 'not_found' });
    this.name = 'NotFoundError';
  }
}
