import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { RouteFacts } from '../facts/route-facts.ts';
import { fusedStream, sourceOf } from '../streams/fused-stream.ts';

/**
 * Passes a stream through unchanged and notes its finish reason in the facts (`error` when it
 * broke off), so the request record has it whether the answer came from a target or the cache.
 * A cancel reaches the source before it resolves, as with the source itself.
 * @example return observeFinish(stream, request.facts);
 */
export function observeFinish(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  facts: RouteFacts,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = sourceOf(stream);
  return fusedStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      const next = await reader.read();
      if (next.done) return controller.close();
      const part = next.value;
      if (part.type === 'finish') facts.finishReason = part.finishReason.unified;
      // A stream that breaks ends with an error part (never a finish) when nothing continues it.
      else if (part.type === 'error') facts.finishReason = 'error';
      controller.enqueue(part);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
