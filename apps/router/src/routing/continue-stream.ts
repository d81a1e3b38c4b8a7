import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';

/** Opens a continuation of an interrupted answer on the remaining targets. */
export type OpenContinuation = (
  options: LanguageModelV4CallOptions,
) => Promise<ReadableStream<LanguageModelV4StreamPart>>;

/**
 * Keeps a started stream alive across an upstream failure: on an `error` part (or a finish
 * that says the answer was interrupted), if only text
 * has been produced so far, it asks the next targets to continue from that text (given as an
 * assistant prefill) and splices their parts into the same stream. A failure after tool calls
 * began, or with no target left, ends the stream with the error part — never a clean finish.
 */
export function continueStream(
  first: ReadableStream<LanguageModelV4StreamPart>,
  options: LanguageModelV4CallOptions,
  openContinuation: OpenContinuation | undefined,
  /** Told once how the stream ended: its last finish or error part, or nothing if cancelled. */
  onEnd?: (part: LanguageModelV4StreamPart | undefined) => void,
): ReadableStream<LanguageModelV4StreamPart> {
  let ended = false;
  let last: LanguageModelV4StreamPart | undefined;
  const end = (part: LanguageModelV4StreamPart | undefined) => {
    if (!ended) onEnd?.(part);
    ended = true;
  };
  let reader = first.getReader();
  let text = '';
  let onlyText = true;
  let continued = false;
  const openTextIds = new Set<string>();

  const track = (part: LanguageModelV4StreamPart) => {
    if (part.type === 'text-start') openTextIds.add(part.id);
    else if (part.type === 'text-end') openTextIds.delete(part.id);
    else if (part.type === 'text-delta') text += part.delta;
    else if (
      ![
        'stream-start',
        'response-metadata',
        'reasoning-start',
        'reasoning-delta',
        'reasoning-end',
        'raw',
        'ping',
      ].includes(part.type)
    ) {
      onlyText = false;
    }
  };

  return new ReadableStream<LanguageModelV4StreamPart>({
    // Loops until it has enqueued or closed: a pull that returns empty-handed is not called again.
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          end(last?.type === 'finish' ? last : { type: 'error', error: 'ended without finish' });
          return controller.close();
        }
        if (value.type === 'finish' || value.type === 'error') last = value;
        if (!isFailure(value)) {
          if (continued && (value.type === 'stream-start' || value.type === 'response-metadata'))
            continue;
          track(value);
          return controller.enqueue(value);
        }
        if (openContinuation === undefined || !onlyText) {
          end(value);
          controller.enqueue(value);
          return controller.close();
        }
        let next: ReadableStream<LanguageModelV4StreamPart>;
        try {
          next = await openContinuation(withPrefill(options, text));
        } catch {
          end(value);
          controller.enqueue(value);
          return controller.close();
        }
        for (const id of openTextIds) controller.enqueue({ type: 'text-end', id });
        openTextIds.clear();
        continued = true;
        // The failed upstream request must stop generating (and billing) now.
        reader.cancel(new Error('continued on the next target')).catch(() => undefined);
        reader = next.getReader();
      }
    },
    cancel(reason) {
      end(undefined);
      return reader.cancel(reason);
    },
  });
}

/** An error part, or a finish that admits the answer is incomplete. */
function isFailure(part: LanguageModelV4StreamPart): boolean {
  return (
    part.type === 'error' ||
    (part.type === 'finish' &&
      (part.finishReason.unified === 'interrupted' || part.finishReason.unified === 'error'))
  );
}

function withPrefill(
  options: LanguageModelV4CallOptions,
  text: string,
): LanguageModelV4CallOptions {
  if (text === '') return options;
  return {
    ...options,
    prompt: [...options.prompt, { role: 'assistant', content: [{ type: 'text', text }] }],
  };
}
