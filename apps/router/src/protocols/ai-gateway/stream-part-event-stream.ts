import type { JSONObject, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { StreamInterruptedError, streamFailureOf } from '../../errors/index.ts';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import { toAIGatewayErrorEnvelope } from './ai-gateway-error.ts';
import { encodeFileData } from './encode-file-data.ts';
import { withSwitchyardMetadata } from './switchyard-metadata.ts';

/**
 * Sends every stream part as one `data: <part JSON>` event, as the official client reads them,
 * with Switchyard's facts on the `finish` part. A failure, or an end without `finish`, becomes
 * an `error` part and the stream closes: it never looks like a clean finish. `raw` parts are
 * upstream chunks and are not sent.
 */
export function createStreamPartEventStream(
  /** Read at the finish part, when the route facts include usage and cost. */
  switchyard: () => JSONObject,
): PartTransformer<LanguageModelV4StreamPart, string> {
  let ended = false;
  const send = (controller: TransformController<string>, part: object) =>
    controller.enqueue(`data: ${JSON.stringify(part)}\n\n`);
  const sendError = (controller: TransformController<string>, error: StreamInterruptedError) => {
    ended = true;
    const { message, type, code } = toAIGatewayErrorEnvelope(error).error;
    send(controller, { type: 'error', error: { message, type, code } });
  };

  return {
    transform(part, controller) {
      if (ended) return;
      switch (part.type) {
        case 'raw':
          return;
        case 'error':
          sendError(controller, streamFailureOf(part.error));
          // Closes the response and, through the pipe, cancels the upstream stream.
          controller.terminate();
          return;
        case 'finish':
          ended = true;
          send(controller, {
            ...part,
            providerMetadata: withSwitchyardMetadata(part.providerMetadata, switchyard()),
          });
          return;
        default:
          send(controller, encodeFileData(part));
      }
    },
    flush(controller) {
      if (!ended) sendError(controller, new StreamInterruptedError());
    },
  };
}
