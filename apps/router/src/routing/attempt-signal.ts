import { UpstreamTimeoutError } from '../errors/index.ts';

/** The lifetime of one attempt: ends when the client leaves, the deadline passes, or `abort`. */
export interface AttemptSignal {
  signal: AbortSignal;
  abort(reason: unknown): void;
  /** Stops the deadline (a stream that has started lives on until it ends or idles). */
  clearDeadline(): void;
}

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
  return {
    signal: parent === undefined ? controller.signal : AbortSignal.any([parent, controller.signal]),
    abort: (reason) => controller.abort(reason),
    clearDeadline: () => clearTimeout(timer),
  };
}
