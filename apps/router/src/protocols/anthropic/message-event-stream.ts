import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { type GatewayError, StreamInterruptedError, toGatewayError } from '../../errors/index.ts';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import { anthropicErrorOf } from './anthropic-error.ts';
import { createContentBlockWriter, type EmitEvent } from './content-block-writer.ts';
import { type MessageIdentity, providerOf } from './convert-to-message.ts';
import { convertUsage, emptyUsage } from './convert-usage.ts';
import { mapStopReason } from './map-stop-reason.ts';

/**
 * Turns AI SDK stream parts into Anthropic's Messages stream: one `message_start` (usage not
 * known yet, so zeros, with the cache fields), a `ping`, the content blocks, `message_delta` with
 * `stop_reason` and the whole usage, `message_stop`. A stream that fails, or ends without its
 * finish, ends with `event: error` instead, never with `message_stop`.
 * @example streamSSEBody(c, served.value.pipeThrough(createMessageEventStream(identity)))
 */
export function createMessageEventStream(
  identity: MessageIdentity,
): PartTransformer<LanguageModelV4StreamPart, string> {
  const provider = providerOf(identity.model);
  let controller: TransformController<string> | undefined;
  const emit: EmitEvent = (event, payload) => {
    const data = JSON.stringify({ type: event, ...payload });
    controller?.enqueue(`event: ${event}\ndata: ${data}\n\n`);
  };
  const blocks = createContentBlockWriter(emit, provider);
  let ended = false;
  const fail = (error: GatewayError) => {
    ended = true;
    emit('error', { error: anthropicErrorOf(error).body.error });
  };

  return {
    start(streamController) {
      controller = streamController;
      emit('message_start', {
        message: {
          id: identity.id,
          type: 'message',
          role: 'assistant',
          model: identity.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: emptyUsage,
        },
      });
      emit('ping', {});
    },
    transform(part) {
      if (ended) return;
      if (part.type === 'error') return fail(toGatewayError(part.error, provider));
      if (part.type !== 'finish') return blocks.accept(part);
      const stop = mapStopReason(part.finishReason, part.providerMetadata);
      if (stop === undefined) {
        return fail(new StreamInterruptedError('The upstream stream finished with an error.'));
      }
      blocks.finish();
      ended = true;
      emit('message_delta', {
        delta: { stop_reason: stop.reason, stop_sequence: stop.sequence },
        usage: convertUsage(part.usage),
      });
      emit('message_stop', {});
    },
    flush() {
      if (!ended) fail(new StreamInterruptedError());
    },
  };
}
