import { GatewayError } from './gateway-error.ts';

/** The caller is known but its key may not do this: wrong role, read-only, another team (403). */
export class PermissionError extends GatewayError {
  constructor(message: string) {
    super({ message, statusCode: 403, type: 'permission_error', code: 'permission_denied' });
    this.name = 'PermissionError';
  }
}
