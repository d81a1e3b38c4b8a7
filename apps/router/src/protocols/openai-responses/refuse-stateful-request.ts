import { InvalidRequestError } from '../../errors/index.ts';
import type { ResponsesRequest } from './responses-request.ts';

/**
 * Switchyard keeps no conversations or prompt templates, keeps responses only when configured
 * to, and runs nothing in the background: a request that relies on any of those is a clear 400
 * rather than an answer that silently lacks the earlier turns.
 */
export function refuseStatefulRequest(request: ResponsesRequest, keepsResponses: boolean): void {
  const refuse = (param: string, message: string) => {
    throw new InvalidRequestError({ message, param, code: 'stateless_responses' });
  };
  if (request.previous_response_id != null && !keepsResponses) {
    refuse(
      'previous_response_id',
      'This gateway keeps no responses (responses.storeTtlSeconds is 0): send the whole conversation in input instead of previous_response_id.',
    );
  }
  if (request.conversation != null) {
    refuse(
      'conversation',
      'Switchyard keeps no conversations: send the whole conversation in input.',
    );
  }
  if (request.prompt != null) {
    refuse('prompt', 'Prompt templates are stored at OpenAI; send instructions and input instead.');
  }
  if (request.background === true) {
    refuse('background', 'Switchyard does not run responses in the background.');
  }
  if (Array.isArray(request.input) && request.input.length === 0) {
    throw new InvalidRequestError({ message: 'input must not be empty.', param: 'input' });
  }
}
