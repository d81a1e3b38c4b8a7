import { Readable } from 'node:stream';

/**
 * A Node `Readable` over a web `ReadableStream` that locks the stream only when first read, so a
 * request refused before sending still has its body for another client; destroying the Readable
 * (an aborted request) cancels the stream, so its producer stops.
 * @example agent.dispatch({ ...options, body: webStreamReadable(init.body) }, handler);
 */
export function webStreamReadable(stream: ReadableStream<Uint8Array>): Readable {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new Readable({
    read() {
      reader ??= stream.getReader();
      reader.read().then(
        (result) => this.push(result.done ? null : result.value),
        (error: unknown) => this.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      const cancelled = reader === undefined ? stream.cancel(error) : reader.cancel(error);
      cancelled.catch(() => undefined);
      callback(error);
    },
  });
}
