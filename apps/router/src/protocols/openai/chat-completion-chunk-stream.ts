import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';
import { StreamInterruptedError, streamFailureOf } from '../../errors/index.ts';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import type { CompletionIdentity } from './convert-to-chat-completion.ts';
import { convertUsage } from './convert-usage.ts';
import { mapOpenAIFinishReason, type OpenAIFinishReason } from './map-openai-finish-reason.ts';

export interface ChunkStreamOptions {
  includeUsage: boolean;
  /** The cost of the finished call, read when the usage chunk is written. */
  cost?: () => Cost | undefined;
}

const done = 'data: [DONE]\n\n';

/**
 * Turns AI SDK stream parts into OpenAI `chat.completion.chunk` server-sent events. A stream
 * that fails, or ends without a finish part, ends with `finish_reason: "error"` and an error
 * event — never with `[DONE]`.
 */
export function createChatCompletionChunkStream(
  identity: CompletionIdentity,
  options: ChunkStreamOptions,
): PartTransformer<LanguageModelV4StreamPart, string> {
  const toolIndexes = new Map<string, number>();
  let usage: LanguageModelV4Usage | undefined;
  let finished = false;
  let failed = false;

  const event = (payload: object) => `data: ${JSON.stringify(payload)}\n\n`;
  const chunk = (delta: object, finishReason: OpenAIFinishReason | null = null) =>
    event({
      id: identity.id,
      object: 'chat.completion.chunk',
      created: identity.created,
      model: identity.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  const fail = (controller: TransformController<string>, error: StreamInterruptedError) => {
    failed = true;
    controller.enqueue(chunk({}, 'error'));
    controller.enqueue(event(error.toJSON()));
  };
  const toolIndex = (id: string) => {
    const known = toolIndexes.get(id);
    if (known !== undefined) return known;
    toolIndexes.set(id, toolIndexes.size);
    return toolIndexes.size - 1;
  };

  return {
    start(controller) {
      controller.enqueue(chunk({ role: 'assistant', content: '' }));
    },
    transform(part, controller) {
      if (failed || finished) return;
      switch (part.type) {
        case 'text-delta':
          if (part.delta !== '') controller.enqueue(chunk({ content: part.delta }));
          break;
        case 'reasoning-delta':
          if (part.delta !== '') controller.enqueue(chunk({ reasoning_content: part.delta }));
          break;
        case 'tool-input-start':
          if (part.providerExecuted) break;
          controller.enqueue(
            chunk({
              tool_calls: [
                {
                  index: toolIndex(part.id),
                  id: part.id,
                  type: 'function',
                  function: { name: part.toolName, arguments: '' },
                },
              ],
            }),
          );
          break;
        case 'tool-input-delta':
          if (toolIndexes.has(part.id)) {
            controller.enqueue(
              chunk({
                tool_calls: [{ index: toolIndex(part.id), function: { arguments: part.delta } }],
              }),
            );
          }
          break;
        case 'tool-call':
          if (part.providerExecuted || toolIndexes.has(part.toolCallId)) break;
          controller.enqueue(
            chunk({
              tool_calls: [
                {
                  index: toolIndex(part.toolCallId),
                  id: part.toolCallId,
                  type: 'function',
                  function: { name: part.toolName, arguments: part.input },
                },
              ],
            }),
          );
          break;
        case 'finish': {
          const reason = mapOpenAIFinishReason(part.finishReason);
          if (reason === 'error') {
            fail(
              controller,
              new StreamInterruptedError('The upstream stream finished with an error.'),
            );
            break;
          }
          finished = true;
          usage = part.usage;
          controller.enqueue(chunk({}, reason));
          break;
        }
        case 'error':
          fail(controller, streamFailureOf(part.error));
          break;
      }
    },
    flush(controller) {
      if (failed) return;
      if (!finished) {
        fail(controller, new StreamInterruptedError());
        return;
      }
      if (options.includeUsage && usage !== undefined) {
        controller.enqueue(
          event({
            id: identity.id,
            object: 'chat.completion.chunk',
            created: identity.created,
            model: identity.model,
            choices: [],
            usage: convertUsage(usage, options.cost?.()),
          }),
        );
      }
      controller.enqueue(done);
    },
  };
}
