import { GatewayError } from './gateway-error.ts';

/** The request is malformed or asks for something the router cannot do (400 unless given). */
export class InvalidRequestError extends GatewayError {
  constructor(options: {
    message: string;
    param?: string | null;
    code?: string;
    statusCode?: number;
  }) {
    super({
      message: options.message,
      statusCode: options.statusCode ?? 400,
      type: 'invalid_request_error',
      code: options.code ?? 'invalid_request',
      param: options.param ?? null,
    });
    this.name = 'InvalidRequestError';
  }
}
