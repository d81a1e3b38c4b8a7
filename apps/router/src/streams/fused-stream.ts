/**
 * Stream stages without a Web stream between them. Every stage of a streamed answer (the
 * attempt loop's segments, continuation, the cache recorder, observability, settlement,
 * guardrails, the protocol encoder) is written as it would be for a `ReadableStream` or a
 * `TransformStream`, but each stage made here also exposes its source: the next stage made here
 * reads that source directly, so a part crosses one function call per stage instead of a
 * stream's queue, controller and pipe. Anything else (a test, `tee()`, the runtime writing the
 * response) reads the same stages through an ordinary `ReadableStream`.
 */

/** What a stage reads from: the reader half of a stream, without the stream. */
export interface PartSource<T> {
  read(): Promise<ReadableStreamReadResult<T>>;
  cancel(reason?: unknown): Promise<void>;
}

/** The parts of `ReadableStreamDefaultController` a stage's underlying source uses. */
export interface PartController<T> {
  enqueue(part: T): void;
  close(): void;
  error(reason?: unknown): void;
}

/** Like `UnderlyingDefaultSource`, with the controller above. */
export interface PartUnderlyingSource<T> {
  start?(controller: PartController<T>): void;
  pull(controller: PartController<T>): void | PromiseLike<void>;
  cancel?(reason?: unknown): void | PromiseLike<void>;
}

/** Like `Transformer`, with an enqueue-only controller. */
export interface PartTransformer<I, O> {
  start?(controller: TransformController<O>): void;
  transform(part: I, controller: TransformController<O>): void | PromiseLike<void>;
  flush?(controller: TransformController<O>): void | PromiseLike<void>;
  cancel?(reason?: unknown): void | PromiseLike<void>;
}

export interface TransformController<O> {
  enqueue(part: O): void;
  /** Ends the output now, cancelling what is left of the input. */
  terminate(): void;
  error(reason?: unknown): void;
}

const sources = new WeakMap<
  ReadableStream<unknown>,
  { source: PartSource<unknown>; read: boolean }
>();
const done: ReadableStreamReadResult<never> = { done: true, value: undefined };

/**
 * A `ReadableStream` over `source` that never reads ahead (high-water mark 0), registered so a
 * stage made here can read `source` itself.
 */
export function streamFrom<T>(source: PartSource<T>): ReadableStream<T> {
  const entry = { source: source as PartSource<unknown>, read: false };
  const stream = new ReadableStream<T>(
    {
      async pull(controller) {
        entry.read = true;
        const next = await source.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  sources.set(stream, entry);
  return stream;
}

/**
 * Reads `stream`: its stage's own source when it was made here and nothing has read it yet,
 * otherwise a reader. Either way the stream is locked, as `getReader()` would lock it.
 */
export function sourceOf<T>(stream: ReadableStream<T>): PartSource<T> {
  const entry = stream.locked ? undefined : sources.get(stream);
  const reader = stream.getReader();
  if (entry !== undefined && !entry.read) {
    sources.delete(stream);
    return entry.source as PartSource<T>;
  }
  return reader;
}

/** `new ReadableStream(underlying)` for stage sources: no read-ahead, its source readable directly. */
export function fusedStream<T>(underlying: PartUnderlyingSource<T>): ReadableStream<T> {
  return streamFrom(sourceFromPull(underlying));
}

/** `stream.pipeThrough(new TransformStream(transformer))`, as one stage over the stream's source. */
export function fusedTransform<I, O>(
  stream: ReadableStream<I>,
  transformer: PartTransformer<I, O>,
): ReadableStream<O> {
  return streamFrom(transformSource(sourceOf(stream), transformer));
}

/** A queue of parts a source hands out one read at a time. */
function partQueue<T>() {
  let parts: T[] = [];
  let head = 0;
  return {
    push(part: T) {
      parts.push(part);
    },
    get size() {
      return parts.length - head;
    },
    shift(): T {
      const part = parts[head++] as T;
      if (head === parts.length) {
        parts = [];
        head = 0;
      }
      return part;
    },
    clear() {
      parts = [];
      head = 0;
    },
  };
}

/** The `ReadableStream` algorithm for an underlying source, minus the stream: pull until a part. */
function sourceFromPull<T>(underlying: PartUnderlyingSource<T>): PartSource<T> {
  const queue = partQueue<T>();
  let closed = false;
  let failed = false;
  let failure: unknown;
  const controller: PartController<T> = {
    enqueue(part) {
      if (!closed && !failed) queue.push(part);
    },
    close() {
      closed = true;
    },
    error(reason) {
      if (closed && queue.size === 0) return;
      failed = true;
      failure = reason;
      queue.clear();
    },
  };
  let started = false;
  return {
    async read() {
      if (!started) {
        started = true;
        underlying.start?.(controller);
      }
      for (;;) {
        if (failed) throw failure;
        if (queue.size > 0) return { done: false, value: queue.shift() };
        if (closed) return done;
        try {
          await underlying.pull(controller);
        } catch (error) {
          controller.error(error);
        }
      }
    },
    async cancel(reason) {
      if (failed) throw failure;
      if (closed && queue.size === 0) return;
      closed = true;
      queue.clear();
      await underlying.cancel?.(reason);
    },
  };
}

/** The `TransformStream` algorithm over a source: transform parts until one comes out. */
function transformSource<I, O>(
  input: PartSource<I>,
  transformer: PartTransformer<I, O>,
): PartSource<O> {
  const queue = partQueue<O>();
  let ended = false;
  let failed = false;
  let failure: unknown;
  let inputDone = false;
  const controller: TransformController<O> = {
    enqueue(part) {
      if (!ended && !failed) queue.push(part);
    },
    terminate() {
      ended = true;
      if (!inputDone) {
        inputDone = true;
        input.cancel(new TypeError('the transform terminated')).catch(() => undefined);
      }
    },
    error(reason) {
      if (failed) return;
      failed = true;
      failure = reason;
      queue.clear();
      if (!inputDone) {
        inputDone = true;
        input.cancel(reason).catch(() => undefined);
      }
    },
  };
  let started = false;
  return {
    async read() {
      if (!started) {
        started = true;
        transformer.start?.(controller);
      }
      for (;;) {
        if (failed) throw failure;
        if (queue.size > 0) return { done: false, value: queue.shift() };
        if (ended) return done;
        let next: ReadableStreamReadResult<I>;
        try {
          next = await input.read();
        } catch (error) {
          inputDone = true;
          controller.error(error);
          continue;
        }
        try {
          if (next.done) {
            inputDone = true;
            await transformer.flush?.(controller);
            ended = true;
          } else {
            const pending = transformer.transform(next.value, controller);
            if (pending !== undefined) await pending;
          }
        } catch (error) {
          controller.error(error);
        }
      }
    },
    async cancel(reason) {
      if (failed) throw failure;
      if (ended && queue.size === 0) return;
      ended = true;
      queue.clear();
      try {
        await transformer.cancel?.(reason);
      } finally {
        if (!inputDone) {
          inputDone = true;
          await input.cancel(reason);
        }
      }
    },
  };
}
