import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { StreamInterruptedError, UpstreamError } from '../errors/index.ts';
import { fusedStream, type PartSource, sourceOf } from '../streams/fused-stream.ts';

const preludeTypes = new Set<LanguageModelV4StreamPart['type']>([
  'stream-start',
  'response-metadata',
  'text-start',
  'reasoning-start',
  'ping',
  'raw',
]);

export interface OpenStreamOptions {
  /** Ends the wait for the first content part (the attempt's first-token deadline). */
  signal?: AbortSignal;
  /** A started stream silent for longer than this has failed. */
  idleTimeoutMs?: number;
  /** Called when the stream idles out, to cancel the upstream request. */
  onIdle?: (reason: unknown) => void;
  /** Sees each part before the first content part; throwing refuses the stream like a failure. */
  inspectPrelude?: (part: LanguageModelV4StreamPart) => void;
}

/**
 * Reads a provider stream up to its first content part. Throws if the stream fails, ends or
 * runs out of time before that, so the caller can fail over invisibly; afterwards, failures
 * become an `error` part that ends the returned stream, never a thrown read.
 */
export async function openStream(
  source: ReadableStream<LanguageModelV4StreamPart>,
  providerId: string,
  options: OpenStreamOptions = {},
): Promise<ReadableStream<LanguageModelV4StreamPart>> {
  const reader = sourceOf(source);
  const prelude: LanguageModelV4StreamPart[] = [];
  try {
    for (;;) {
      const { done, value } = await readUntil(reader, options.signal);
      if (done) {
        throw new UpstreamError({
          provider: providerId,
          message: 'The provider closed the stream before sending any content.',
          code: 'upstream_empty_stream',
          isRetryable: true,
        });
      }
      if (value.type === 'error') throw value.error;
      options.inspectPrelude?.(value);
      prelude.push(value);
      if (!preludeTypes.has(value.type)) break;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }

  const idle = idleWatch(options.idleTimeoutMs);
  return fusedStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of prelude) controller.enqueue(part);
    },
    async pull(controller) {
      try {
        idle?.waiting();
        const { done, value } = await (idle === undefined
          ? reader.read()
          : Promise.race([reader.read(), idle.silence]));
        idle?.touch();
        if (done) {
          idle?.stop();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        idle?.stop();
        if (idle?.fired) {
          options.onIdle?.(error);
          reader.cancel(error).catch(() => {});
        }
        controller.enqueue({ type: 'error', error });
        controller.close();
      }
    },
    cancel(reason) {
      idle?.stop();
      return reader.cancel(reason);
    },
  });
}

/** A read that gives up when `signal` aborts, even if the source ignores cancellation. */
function readUntil<T>(
  reader: PartSource<T>,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<T>> {
  if (signal === undefined) return reader.read();
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One deadline for a whole stream, measuring upstream silence: the clock runs only while a read
 * is waiting on the upstream, so a slow client (which pulls late) never looks like a stalled
 * provider. Each read only notes its start; the one timer re-arms for what is left of the quiet
 * period. `silence` rejects once a read has waited `timeoutMs`.
 */
function idleWatch(timeoutMs: number | undefined) {
  if (timeoutMs === undefined) return undefined;
  let waitingSince: number | undefined;
  let fail: (reason: unknown) => void = () => {};
  const silence = new Promise<never>((_, reject) => {
    fail = reject;
  });
  silence.catch(() => {});
  const watch = {
    silence,
    fired: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    /** A read of the upstream starts waiting. */
    waiting() {
      waitingSince = Date.now();
    },
    /** The read got its chunk (or the stream ended). */
    touch() {
      waitingSince = undefined;
    },
    stop() {
      clearTimeout(watch.timer);
    },
  };
  const check = () => {
    const quiet = waitingSince === undefined ? 0 : Date.now() - waitingSince;
    if (quiet < timeoutMs) {
      watch.timer = setTimeout(check, timeoutMs - quiet);
      return;
    }
    watch.fired = true;
    fail(new StreamInterruptedError(`The stream sent nothing for ${timeoutMs} ms.`));
  };
  watch.timer = setTimeout(check, timeoutMs);
  return watch;
}
