import type {
  LanguageModelV4ResponseMetadata,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
  SharedV4Warning,
} from '@ai-sdk/provider';
import type { Sleep } from '../../timing/abortable-delay.ts';
import type { MockReply } from './mock-reply.ts';
import { finishReasonOf } from './mock-reply.ts';

/** A stream part and how long to wait before emitting it. */
export interface TimedPart {
  part: LanguageModelV4StreamPart;
  delayMs: number;
}

export interface StreamPlan {
  reply: MockReply;
  usage: LanguageModelV4Usage;
  metadata: LanguageModelV4ResponseMetadata;
  warnings: SharedV4Warning[];
  firstTokenMs: number;
  chunkDelayMs: number;
}

/** Splits text into word-sized chunks, each word with its trailing whitespace. */
export const wordChunks = (text: string): string[] =>
  text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);

/** Every part of a complete stream, `firstTokenMs` before the first content and `chunkDelayMs` between chunks. */
export function planStreamParts(plan: StreamPlan): TimedPart[] {
  const { reply, firstTokenMs, chunkDelayMs } = plan;
  const content: LanguageModelV4StreamPart[] = [];
  if (reply.reasoning) content.push(...block('reasoning', 'reasoning-0', reply.reasoning));
  const { answer } = reply;
  if (answer.type === 'text') {
    content.push(...block('text', 'text-0', answer.text));
  } else {
    const { toolCallId: id, toolName, input } = answer;
    content.push(
      { type: 'tool-input-start', id, toolName },
      { type: 'tool-input-delta', id, delta: input },
      { type: 'tool-input-end', id },
      { type: 'tool-call', toolCallId: id, toolName, input },
    );
  }
  let deltas = 0;
  const timedContent = content.map((part, index) => {
    if (index === 0) return { part, delayMs: firstTokenMs };
    return { part, delayMs: isDelta(part) && deltas++ > 0 ? chunkDelayMs : 0 };
  });
  return [
    { part: { type: 'stream-start', warnings: plan.warnings }, delayMs: 0 },
    { part: { type: 'response-metadata', ...plan.metadata }, delayMs: 0 },
    ...timedContent,
    {
      part: { type: 'finish', usage: plan.usage, finishReason: finishReasonOf(reply) },
      delayMs: 0,
    },
  ];
}

/** Ends the stream with an error part, and no finish, where chunk `chunks + 1` would have come. */
export function cutAfterChunks(
  parts: TimedPart[],
  chunks: number,
  error: () => unknown,
): TimedPart[] {
  let seen = 0;
  const index = parts.findIndex(({ part }) => isDelta(part) && seen++ === chunks);
  if (index === -1) return parts;
  const delayMs = parts[index]?.delayMs ?? 0;
  return [...parts.slice(0, index), { part: { type: 'error', error: error() }, delayMs }];
}

/** Emits the parts with their delays; abort or cancel stops it at once and clears the timer. */
export function streamTimedParts(
  parts: TimedPart[],
  sleep: Sleep,
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  const stop = new AbortController();
  const forwardAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) forwardAbort();
  else signal?.addEventListener('abort', forwardAbort, { once: true });
  const release = () => signal?.removeEventListener('abort', forwardAbort);
  let index = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      const next = parts[index++];
      if (!next) {
        release();
        controller.close();
        return;
      }
      try {
        await sleep(next.delayMs, stop.signal);
      } catch (error) {
        release();
        controller.error(error);
        return;
      }
      controller.enqueue(next.part);
    },
    cancel(reason) {
      release();
      stop.abort(reason);
    },
  });
}

function block(kind: 'text' | 'reasoning', id: string, text: string): LanguageModelV4StreamPart[] {
  const deltas = wordChunks(text).map((delta) => ({ type: `${kind}-delta` as const, id, delta }));
  return [{ type: `${kind}-start`, id }, ...deltas, { type: `${kind}-end`, id }];
}

function isDelta(part: LanguageModelV4StreamPart): boolean {
  return (
    part.type === 'text-delta' ||
    part.type === 'reasoning-delta' ||
    part.type === 'tool-input-delta'
  );
}
