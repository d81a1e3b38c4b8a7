import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** Node's `fetch` refuses a response with more codings than this (a decompression bomb guard). */
const maxContentCodings = 5;

/** Lenient like `fetch` (and curl): a body cut short still yields what was decoded. */
const zlibOptions = {
  flush: zlib.constants.Z_SYNC_FLUSH,
  finishFlush: zlib.constants.Z_SYNC_FLUSH,
};
const brotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/**
 * The decoders for a response's `content-encoding`, in the order the bytes pass through them,
 * as Node 22's `fetch` picks them: gzip, x-gzip, deflate (zlib or raw) and br; any other coding
 * (zstd included, which this Node's `fetch` leaves alone) leaves the body as it came. An empty
 * list means nothing to decode; an `Error` means the response must be refused.
 * @example contentDecoders('gzip'); // [Gunzip]
 */
export function contentDecoders(
  contentEncoding: string | string[] | undefined,
): Transform[] | Error {
  if (contentEncoding === undefined) return [];
  const codings = (
    Array.isArray(contentEncoding) ? contentEncoding.join(', ') : contentEncoding
  ).split(',');
  if (codings.length > maxContentCodings) {
    const counts = `${codings.length}, maximum allowed is ${maxContentCodings}`;
    return new Error(`too many content-encodings in response: ${counts}`);
  }
  const decoders: Transform[] = [];
  for (let index = codings.length - 1; index >= 0; index -= 1) {
    const decoder = decoderFor((codings[index] ?? '').trim().toLowerCase());
    if (decoder === undefined) return [];
    decoders.push(decoder);
  }
  return decoders;
}

function decoderFor(coding: string): Transform | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(zlibOptions);
  if (coding === 'deflate') return new DeflateDecoder();
  if (coding === 'br') return zlib.createBrotliDecompress(brotliOptions);
  return undefined;
}

/** `deflate` should be zlib-wrapped, but servers send raw deflate too: sniff the first byte. */
class DeflateDecoder extends Transform {
  #inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    if (this.#inflate === undefined) {
      if (chunk.length === 0) return callback();
      // A zlib header's low nibble is 8 (the deflate method); raw deflate has no header.
      const wrapped = ((chunk[0] ?? 0) & 0x0f) === 0x08;
      const inflate = wrapped
        ? zlib.createInflate(zlibOptions)
        : zlib.createInflateRaw(zlibOptions);
      inflate.on('data', (data: Buffer) => this.push(data));
      inflate.on('error', (error) => this.destroy(error));
      this.#inflate = inflate;
    }
    this.#inflate.write(chunk, callback);
  }

  override _flush(callback: TransformCallback) {
    if (this.#inflate === undefined) return callback();
    this.#inflate.once('end', () => callback());
    this.#inflate.end();
  }
}

/** What a {@link ContentDecoding} tells the response body about. */
export interface DecodedBodyEvents {
  chunk(chunk: Buffer): void;
  end(): void;
  error(error: Error): void;
  /** The decoders took in what was written: the connection may deliver more. */
  drain(): void;
}

/** The raw body goes in through `write`/`end`; decoded chunks come out through the events. */
export interface ContentDecoding {
  /** False when the decoders are full: pause the connection until `drain`. */
  write(chunk: Buffer): boolean;
  end(): void;
  /** Stops and restarts the decoded output, for the reader's backpressure. */
  pause(): void;
  resume(): void;
  destroy(): void;
}

/**
 * Chains `decoders` (from {@link contentDecoders}, not empty) between the connection and the body.
 * @example const decoding = chainDecoders(contentDecoders('gzip') as Transform[], events);
 */
export function chainDecoders(decoders: Transform[], events: DecodedBodyEvents): ContentDecoding {
  const input = decoders[0] as Transform;
  let output = input;
  for (const decoder of decoders) {
    decoder.on('error', events.error);
    if (decoder !== input) output = output.pipe(decoder);
  }
  output.on('data', events.chunk);
  output.on('end', events.end);
  input.on('drain', events.drain);
  return {
    write: (chunk) => input.write(chunk),
    end: () => input.end(),
    pause: () => output.pause(),
    resume: () => output.resume(),
    destroy: () => {
      for (const decoder of decoders) decoder.destroy();
    },
  };
}
