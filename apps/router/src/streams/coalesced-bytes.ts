import { type PartSource, sourceOf, streamFrom } from './fused-stream.ts';

type Chunk = string | Uint8Array;

const encoder = new TextEncoder();
const turnMark = Symbol('next turn');
const noop = () => undefined;
/** A batch stops growing here, so a source that is never short of data still streams. */
const maxBatchLength = 32 * 1024;

/**
 * Resolves on the runtime's next turn of the event loop, after every pending microtask: a read
 * that settles first had its data already (parsed from the same network read). `undefined`
 * where the runtime has no `setImmediate` (Workers): there every chunk is its own write.
 */
const nextTurn: (() => Promise<typeof turnMark>) | undefined =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve, turnMark))
    : undefined;

/**
 * The bytes of a streamed response, written as few times as the upstream allows: the encoded
 * events produced before the event loop's next turn (one network read of the upstream often
 * carries many events) go out as one chunk, and nothing waits for data that is not there yet,
 * so the first event is never held back. Strings are UTF-8 encoded once per chunk.
 * @example return streamSSEBody(c, coalescedBytes(fusedTransform(parts, encoder)));
 */
export function coalescedBytes(stream: ReadableStream<Chunk>): ReadableStream<Uint8Array> {
  return streamFrom(coalescingSource(sourceOf(stream)));
}

function coalescingSource(input: PartSource<Chunk>): PartSource<Uint8Array> {
  let pending: Promise<ReadableStreamReadResult<Chunk>> | undefined;
  let finished = false;
  let failed = false;
  let failure: unknown;
  return {
    async read() {
      if (failed) throw failure;
      const batch = chunkBatch();
      // Wait as long as it takes for the first bytes.
      while (batch.empty) {
        if (finished) return { done: true, value: undefined };
        const next = await (pending ?? input.read());
        pending = undefined;
        if (next.done) finished = true;
        else batch.add(next.value);
      }
      // Then take whatever else is there before the next turn.
      if (nextTurn !== undefined && !finished) {
        const turn = nextTurn();
        while (batch.length < maxBatchLength) {
          const read = input.read();
          let next: ReadableStreamReadResult<Chunk> | typeof turnMark;
          try {
            next = await Promise.race([read, turn]);
          } catch (error) {
            // What was read goes out; the failure ends the stream at the next read.
            failed = true;
            failure = error;
            break;
          }
          if (next === turnMark) {
            pending = read;
            read.catch(noop);
            break;
          }
          if (next.done) {
            finished = true;
            break;
          }
          batch.add(next.value);
        }
      }
      return { done: false, value: batch.take() };
    },
    cancel(reason) {
      finished = true;
      return input.cancel(reason);
    },
  };
}

/** Chunks joined in order; consecutive strings are encoded together. */
function chunkBatch() {
  let text = '';
  let byteLength = 0;
  const bytes: Uint8Array[] = [];
  const settleText = () => {
    if (text === '') return;
    bytes.push(encoder.encode(text));
    text = '';
  };
  return {
    /** UTF-16 units of text plus bytes: a size bound, not the encoded length. */
    get length() {
      return text.length + byteLength;
    },
    get empty() {
      return text === '' && bytes.every((chunk) => chunk.byteLength === 0);
    },
    add(chunk: Chunk) {
      if (typeof chunk === 'string') text += chunk;
      else {
        settleText();
        bytes.push(chunk);
        byteLength += chunk.byteLength;
      }
    },
    take(): Uint8Array {
      settleText();
      if (bytes.length === 1) return bytes[0] as Uint8Array;
      const joined = new Uint8Array(bytes.reduce((total, chunk) => total + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of bytes) {
        joined.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return joined;
    },
  };
}
