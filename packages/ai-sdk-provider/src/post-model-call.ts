import {
  combineHeaders,
  createJsonResponseHandler,
  type FlexibleSchema,
  postJsonToApi,
} from '@ai-sdk/provider-utils';
import { mapSwitchyardError, switchyardFailedResponseHandler } from './map-switchyard-error.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';

/** The one-shot model routes of the gateway protocol: `POST {baseURL}/{kind}-model`. */
export type ModelCallKind = 'embedding' | 'image' | 'reranking';

/**
 * One call to a one-shot model route: the kind's specification header and the model id go with
 * the provider's and the call's headers, the answer is checked against `schema`, and a failure
 * becomes the typed Switchyard error.
 * @example
 * const { value } = await postModelCall(config, { kind: 'embedding', modelId, body, schema });
 */
export function postModelCall<T>(
  config: SwitchyardModelConfig,
  call: {
    kind: ModelCallKind;
    modelId: string;
    body: unknown;
    schema: FlexibleSchema<T>;
    headers?: Record<string, string | undefined>;
    abortSignal?: AbortSignal;
  },
) {
  return postJsonToApi({
    url: `${config.baseURL()}/${call.kind}-model`,
    headers: combineHeaders(config.headers(), call.headers, {
      [`ai-${call.kind}-model-specification-version`]: '4',
      'ai-model-id': call.modelId,
    }),
    body: call.body,
    successfulResponseHandler: createJsonResponseHandler(call.schema),
    failedResponseHandler: switchyardFailedResponseHandler,
    abortSignal: call.abortSignal,
    fetch: config.fetch,
  }).catch((error: unknown) => {
    throw mapSwitchyardError(error, { modelId: call.modelId });
  });
}
