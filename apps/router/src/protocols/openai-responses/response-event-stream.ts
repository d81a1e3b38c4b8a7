import type {
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';
import { StreamInterruptedError, streamFailureOf } from '../../errors/index.ts';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import { convertResponseUsage } from './convert-response-usage.ts';
import type { ResponseContext } from './convert-to-response.ts';
import { responseErrorOf } from './response-error.ts';
import { createResponseItemsWriter } from './response-items-writer.ts';
import { type OutputItem, responseObject } from './response-object.ts';
import { statusOf } from './response-output-items.ts';

/**
 * Turns AI SDK stream parts into Responses server-sent events, numbered by `sequence_number`
 * from 0: `response.created`, `response.in_progress`, the items' events, and always one final
 * event — `response.completed` for a clean finish (its status `incomplete` when the answer was
 * cut short), or `response.failed` with `error.code` when the stream failed or ended without a
 * finish. Never a stream that just closes.
 */
export function createResponseEventStream(
  context: ResponseContext,
  options: {
    cost?: () => Cost | undefined;
    /** Runs before `response.completed` is sent: a kept response can be continued at once. */
    onComplete?: (output: OutputItem[]) => Promise<unknown>;
  } = {},
): PartTransformer<LanguageModelV4StreamPart, string> {
  let sequence = 0;
  let controller: TransformController<string> | undefined;
  const emit = (type: string, payload: object) => {
    const event = JSON.stringify({ type, sequence_number: sequence++, ...payload });
    controller?.enqueue(`event: ${type}\ndata: ${event}\n\n`);
  };
  const items = createResponseItemsWriter(context, emit);
  const snapshot = (state: Omit<Parameters<typeof responseObject>[2], 'output'>) =>
    responseObject(context.identity, context.echo, { ...state, output: items.output });
  let finish: { reason: LanguageModelV4FinishReason; usage: LanguageModelV4Usage } | undefined;
  let ended = false;

  const fail = (error: unknown) => {
    ended = true;
    items.markOpenIncomplete();
    emit('response.failed', {
      response: snapshot({ status: 'failed', error: responseErrorOf(error) }),
    });
  };

  return {
    start(streamController) {
      controller = streamController;
      emit('response.created', { response: snapshot({ status: 'in_progress' }) });
      emit('response.in_progress', { response: snapshot({ status: 'in_progress' }) });
    },
    transform(part) {
      if (ended || finish !== undefined) return;
      switch (part.type) {
        case 'text-delta':
          if (part.delta !== '') items.textDelta(part.id, part.delta);
          break;
        case 'text-end':
          items.close(part.id, 'completed');
          break;
        case 'reasoning-start':
        case 'reasoning-delta':
          items.reasoning(part.id, 'delta' in part ? part.delta : '', part.providerMetadata);
          break;
        case 'reasoning-end':
          items.reasoning(part.id, '', part.providerMetadata);
          items.close(part.id, 'completed');
          break;
        case 'tool-input-start':
          if (!part.providerExecuted) items.toolInputStart(part.id, part.toolName);
          break;
        case 'tool-input-delta':
          items.toolInputDelta(part.id, part.delta);
          break;
        case 'tool-call':
          if (!part.providerExecuted) items.toolCall(part);
          break;
        case 'finish':
          if (statusOf(part.finishReason).status === 'failed') {
            fail(new StreamInterruptedError('The upstream stream finished with an error.'));
          } else finish = { reason: part.finishReason, usage: part.usage };
          break;
        case 'error':
          fail(streamFailureOf(part.error));
          break;
      }
    },
    async flush() {
      if (ended) return;
      if (finish === undefined) return fail(new StreamInterruptedError());
      const { status, incompleteReason } = statusOf(finish.reason);
      items.closeAll(status === 'incomplete' ? 'incomplete' : 'completed');
      await options.onComplete?.(items.output);
      emit('response.completed', {
        response: snapshot({
          status,
          incompleteReason,
          usage: convertResponseUsage(finish.usage, options.cost?.()),
        }),
      });
    },
  };
}
