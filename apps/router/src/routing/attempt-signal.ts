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

/** Waits `ms`, or less if `signal` aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
