import { UpstreamTimeoutError } from '../errors/index.ts';

/** The lifetime of one attempt: ends when the client leaves, the deadline passes, or `abort`. */
export interface AttemptSignal {
  signal: AbortSignal;
  abort(reason: unknown): void;
  /** Stops the deadline (a stream that has started lives on until it ends or idles). */
  clearDeadline(): void;
}

/**
 * The attempt's signal follows the client's (`parent`) through one listener, removed once the
 * attempt's own signal aborts: `AbortSignal.any` would register a weak reference and a
 * finalizer per attempt on the request's signal, which is most of what a request allocates
 * for cancellation.
 */
export function createAttemptSignal(
  parent: AbortSignal | undefined,
  timeoutMs: number,
  description: string,
): AttemptSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new UpstreamTimeoutError(`${description} after ${timeoutMs} ms.`)),
    timeoutMs,
  );
  if (parent?.aborted) controller.abort(parent.reason);
  else if (parent !== undefined) {
    const follow = () => controller.abort(parent.reason);
    parent.addEventListener('abort', follow, { once: true });
    controller.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        parent.removeEventListener('abort', follow);
      },
      { once: true },
    );
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    clearDeadline: () => clearTimeout(timer),
  };
}
