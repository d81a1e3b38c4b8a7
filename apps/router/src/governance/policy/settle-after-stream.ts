import { fusedStream, sourceOf } from '../../streams/fused-stream.ts';

/**
 * Passes `stream` through and calls `settle` once it is over: finished, failed, or cancelled by
 * the client. On cancel the source is cancelled first, so what it records about the cancelled
 * part (the tokens delivered) is known before `settle` runs.
 *
 * @example
 * return settleAfterStream(stream, () => request.background(settleRequest(...)));
 */
export function settleAfterStream<T>(
  stream: ReadableStream<T>,
  settle: () => void,
): ReadableStream<T> {
  const reader = sourceOf(stream);
  let settled = false;
  const settleOnce = () => {
    if (settled) return;
    settled = true;
    settle();
  };
  return fusedStream<T>({
    async pull(controller) {
      let next: ReadableStreamReadResult<T>;
      try {
        next = await reader.read();
      } catch (error) {
        settleOnce();
        controller.error(error);
        return;
      }
      if (next.done) {
        settleOnce();
        controller.close();
      } else {
        controller.enqueue(next.value);
      }
    },
    async cancel(reason) {
      try {
        await reader.cancel(reason);
      } finally {
        settleOnce();
      }
    },
  });
}
