import { GatewayError } from './gateway-error.ts';

/** The requested model is neither an alias nor `provider/model` of a configured provider (404). */
export class ModelNotFoundError extends GatewayError {
  readonly modelId: string;

  constructor(modelId: string, param = 'model') {
    super({
      message: `The model '${modelId}' does not exist. GET /v1/models lists the models this gateway serves.`,
      statusCode: 404,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param,
    });
    this.name = 'ModelNotFoundError';
    this.modelId = modelId;
  }
}
