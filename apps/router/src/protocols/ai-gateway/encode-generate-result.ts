import type { JSONObject, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { encodeFileData } from './encode-file-data.ts';
import { withSwitchyardMetadata } from './switchyard-metadata.ts';

/**
 * The generate result as the client reads it. Only the documented fields leave: the upstream
 * request body, response body and headers stay in the gateway.
 */
export function encodeGenerateResult(
  result: LanguageModelV4GenerateResult,
  switchyard: JSONObject,
) {
  const { response } = result;
  return {
    content: result.content.map(encodeFileData),
    ...(result.structuredOutputText !== undefined && {
      structuredOutputText: result.structuredOutputText,
    }),
    finishReason: result.finishReason,
    usage: result.usage,
    providerMetadata: withSwitchyardMetadata(result.providerMetadata, switchyard),
    ...(response !== undefined && {
      response: { id: response.id, timestamp: response.timestamp, modelId: response.modelId },
    }),
    warnings: result.warnings,
  };
}
