import { GatewayError } from './gateway-error.ts';

/** The key or its team may not call the requested model or any of its targets (403). */
export class ModelNotAllowedError extends GatewayError {
  constructor(model: string) {
    super({
      message: `This key may not call '${model}' (nor any of its targets): it is outside the key's or team's models.`,
      statusCode: 403,
      type: 'permission_error',
      code: 'model_not_allowed',
      param: 'model',
    });
    this.name = 'ModelNotAllowedError';
  }
}
