import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { StreamInterruptedError } from '../errors/index.ts';
import { fusedStream, sourceOf } from '../streams/fused-stream.ts';
import type { Served } from './call-with-failover.ts';

export type StreamSegment = Served<ReadableStream<LanguageModelV4StreamPart>>;

/** Opens a continuation of an interrupted answer on the targets after `after`; throws if none can. */
export type OpenContinuation = (
  options: LanguageModelV4CallOptions,
  after: StreamSegment,
) => Promise<StreamSegment>;

/** How one target's share of a stream ended. */
export interface SegmentEnd {
  outcome: 'ok' | 'error' | 'cancelled';
  /** The finish part's usage, when the segment finished. */
  usage?: LanguageModelV4Usage;
  /** Characters of text and reasoning it produced (an estimate's basis when it broke off). */
  producedChars: number;
  /** From its first content to its end. */
  generationMs: number;
}

/** Parts that say nothing about what kind of answer this is. */
const neutralTypes = new Set<LanguageModelV4StreamPart['type']>([
  'stream-start',
  'response-metadata',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'raw',
  'ping',
  'text-start',
  'text-end',
  'text-delta',
]);

/**
 * Keeps a started stream alive across an upstream failure: on an `error` part, a finish that
 * says the answer was interrupted, or an end without a finish, if only text has been produced
 * so far it asks `openContinuation` to continue from that text (sent as an assistant prefill,
 * trailing whitespace trimmed as providers require) and splices the continuation into the same
 * stream, dropping the whitespace it repeats, so the text equals one unbroken answer. A failure
 * after tool calls began, or with no continuation possible, ends the stream with the error
 * part — never a clean finish. `onSegmentEnd` hears once of every segment, in order.
 */
export function continueStream(
  first: StreamSegment,
  options: LanguageModelV4CallOptions,
  openContinuation: OpenContinuation | undefined,
  onSegmentEnd: (segment: StreamSegment, end: SegmentEnd) => void = () => undefined,
  now: () => number = Date.now,
): ReadableStream<LanguageModelV4StreamPart> {
  let segment = first;
  let reader = sourceOf(first.value);
  let segmentStarted = now();
  let producedChars = 0;
  let segmentOpen = true;
  let text = '';
  let onlyText = true;
  let continued = false;
  /** Whitespace already sent that the prefill left out: the continuation repeats it. */
  let repeatedTail = '';
  const openTextIds = new Set<string>();
  let cancelled = false;

  const endSegment = (outcome: SegmentEnd['outcome'], usage?: LanguageModelV4Usage) => {
    if (!segmentOpen) return;
    segmentOpen = false;
    onSegmentEnd(segment, { outcome, usage, producedChars, generationMs: now() - segmentStarted });
  };

  const track = (part: LanguageModelV4StreamPart) => {
    if (part.type === 'text-start') openTextIds.add(part.id);
    else if (part.type === 'text-end') openTextIds.delete(part.id);
    else if (part.type === 'text-delta') {
      text += part.delta;
      producedChars += part.delta.length;
    } else if (part.type === 'reasoning-delta') producedChars += part.delta.length;
    if (!neutralTypes.has(part.type) && part.type !== 'finish') onlyText = false;
  };

  /** The continuation's first text, less the whitespace the client already has. */
  const dropRepeated = (delta: string): string => {
    let rest = delta;
    while (repeatedTail !== '' && rest !== '' && rest[0] === repeatedTail[0]) {
      rest = rest.slice(1);
      repeatedTail = repeatedTail.slice(1);
    }
    if (rest !== '') repeatedTail = '';
    return rest;
  };

  return fusedStream<LanguageModelV4StreamPart>({
    // Loops until it has enqueued or closed: a pull that returns empty-handed is not called again.
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read();
        // After its finish a segment's end is just the end; before it, the answer broke off.
        if (done && !segmentOpen) return controller.close();
        const part: LanguageModelV4StreamPart = done ? endedWithoutFinish() : value;
        if (!isFailure(part)) {
          if (continued && (part.type === 'stream-start' || part.type === 'response-metadata'))
            continue;
          let out = part;
          if (part.type === 'text-delta' && repeatedTail !== '') {
            const delta = dropRepeated(part.delta);
            if (delta === '') continue;
            out = { ...part, delta };
          }
          track(out);
          if (out.type === 'finish') endSegment('ok', out.usage);
          return controller.enqueue(out);
        }
        endSegment('error', part.type === 'finish' ? part.usage : undefined);
        const next = onlyText && openContinuation ? await tryContinue(segment) : undefined;
        if (next === undefined) {
          controller.enqueue(part.type === 'finish' ? interruptedError() : part);
          return controller.close();
        }
        for (const id of openTextIds) controller.enqueue({ type: 'text-end', id });
        openTextIds.clear();
        continued = true;
        // The failed upstream request must stop generating (and billing) now.
        reader.cancel(new Error('continued on the next target')).catch(() => undefined);
        segment = next;
        reader = sourceOf(next.value);
        segmentStarted = now();
        producedChars = 0;
        segmentOpen = true;
      }
    },
    cancel(reason) {
      cancelled = true;
      endSegment('cancelled');
      return reader.cancel(reason);
    },
  });

  async function tryContinue(after: StreamSegment): Promise<StreamSegment | undefined> {
    const prefill = text.trimEnd();
    try {
      const next = await (openContinuation as OpenContinuation)(
        withPrefill(options, prefill),
        after,
      );
      repeatedTail = text.slice(prefill.length);
      if (cancelled) {
        // The client left while the takeover was opening: stop it and account for it.
        next.value.cancel(new Error('the client left')).catch(() => undefined);
        onSegmentEnd(next, { outcome: 'cancelled', producedChars: 0, generationMs: 0 });
        return undefined;
      }
      return next;
    } catch {
      return undefined;
    }
  }
}

/** An error part, or a finish that admits the answer is incomplete. */
function isFailure(part: LanguageModelV4StreamPart): boolean {
  return (
    part.type === 'error' ||
    (part.type === 'finish' &&
      (part.finishReason.unified === 'interrupted' || part.finishReason.unified === 'error'))
  );
}

const endedWithoutFinish = (): LanguageModelV4StreamPart => ({
  type: 'error',
  error: new StreamInterruptedError('The provider ended the stream without finishing the answer.'),
});

const interruptedError = (): LanguageModelV4StreamPart => ({
  type: 'error',
  error: new StreamInterruptedError('The provider reported the answer as interrupted.'),
});

function withPrefill(
  options: LanguageModelV4CallOptions,
  prefill: string,
): LanguageModelV4CallOptions {
  if (prefill === '') return options;
  return {
    ...options,
    prompt: [...options.prompt, { role: 'assistant', content: [{ type: 'text', text: prefill }] }],
  };
}
