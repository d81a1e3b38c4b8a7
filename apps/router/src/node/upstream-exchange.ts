import type { Dispatcher } from 'undici';
import {
  type ContentDecoding,
  chainDecoders,
  contentDecoders,
} from './upstream-content-decoding.ts';
import {
  bodyTerminated,
  failBodyMethodsAsAborted,
  fetchFailed,
  isRefusedRequest,
} from './upstream-fetch-errors.ts';
import { followRedirect, redirectStatuses } from './upstream-redirect.ts';

type DispatchController = Dispatcher.DispatchController;
type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * Until the headers arrive the promise is pending; then the body streams, until the reader took
 * all of it (an abort before that still errors the body, as with `fetch`); then nothing.
 */
const waiting = 0;
const streaming = 1;
const finished = 2;

/** Up to 64 KiB stay queued in the body before the connection is paused. */
const bodyQueue: QueuingStrategy<Uint8Array> = {
  highWaterMark: 64 * 1024,
  size: (chunk) => chunk.byteLength,
};
const once = { once: true };

/**
 * One request to an upstream, seen through `fetch`'s eyes: the undici dispatch handler that
 * resolves {@link response} with a global `Response` and feeds its body, the body stream's
 * source, and the listener of the caller's abort signal, in one object per request.
 * Errors are the ones `fetch` gives: `TypeError('fetch failed')` before the headers,
 * `TypeError('terminated')` in the body, the signal's reason on abort.
 * @example
 * const exchange = new UpstreamExchange(request, input, init);
 * agent.dispatch(request.options, exchange);
 * return exchange.response;
 */
export class UpstreamExchange implements Dispatcher.DispatchHandler {
  readonly response: Promise<Response>;
  #resolve!: (response: Response | Promise<Response>) => void;
  #reject!: (error: unknown) => void;
  #phase = waiting;
  /** The upstream sent all of the body; the stream closes once the reader has taken it. */
  #ended = false;
  #dispatch: DispatchController | null = null;
  #response: Response | null = null;
  #body: ReadableStreamDefaultController<Uint8Array> | null = null;
  #decoding: ContentDecoding | null = null;
  readonly #url: URL;
  readonly #input: RequestInfo | URL;
  readonly #init: RequestInit | undefined;
  readonly #signal: AbortSignal | null;

  constructor(url: URL, input: RequestInfo | URL, init: RequestInit | undefined) {
    this.#url = url;
    this.#input = input;
    this.#init = init;
    this.#signal = init?.signal ?? null;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#signal?.addEventListener('abort', this, once);
  }

  onRequestStart(controller: DispatchController): void {
    // Aborted while it waited for a connection: it never starts.
    if (this.#phase === finished) controller.abort(this.#signal?.reason);
    else this.#dispatch = controller;
  }

  onResponseStart(
    controller: DispatchController,
    status: number,
    headers: ResponseHeaders,
    statusText?: string,
  ): void {
    if (status < 200 || this.#phase !== waiting) return;
    const location = headers.location;
    if (redirectStatuses.has(status) && typeof location === 'string') {
      // The redirect's own body is read and dropped; the connection stays reusable.
      this.#finish();
      this.#resolve(followRedirect(status, location, this.#url, this.#init));
      return;
    }
    const nullBody =
      status === 204 || status === 205 || status === 304 || this.#init?.method === 'HEAD';
    const decoders = nullBody ? [] : contentDecoders(headers['content-encoding']);
    let response: Response;
    try {
      if (decoders instanceof Error) throw decoders;
      response = new Response(nullBody ? null : new ReadableStream(this, bodyQueue), {
        status,
        statusText: statusText ?? '',
      });
      appendHeaders(response.headers, headers);
    } catch (error) {
      // A status or header a `Response` cannot carry (say 600): no response, like a failed fetch.
      this.#finish();
      this.#reject(fetchFailed(error));
      controller.abort(error as Error);
      return;
    }
    if (decoders.length > 0) this.#decoding = chainDecoders(decoders, this.#decodedEvents());
    this.#phase = streaming;
    this.#response = response;
    this.#resolve(response);
  }

  onResponseData(controller: DispatchController, chunk: Buffer): void {
    if (this.#decoding !== null) {
      if (!this.#decoding.write(chunk)) controller.pause();
      return;
    }
    const body = this.#body;
    if (body === null) return;
    body.enqueue(chunk);
    if ((body.desiredSize ?? 0) <= 0) controller.pause();
  }

  onResponseEnd(): void {
    if (this.#decoding !== null) this.#decoding.end();
    else this.#endBody();
  }

  onResponseError(controller: DispatchController | null, error: Error): void {
    if (this.#phase === waiting) {
      this.#finish();
      // Refused before anything was sent: the global fetch answers (or throws) as it would.
      if (controller === null && this.#dispatch === null && isRefusedRequest(error)) {
        this.#resolve(fetch(this.#input, this.#init));
      } else {
        this.#reject(fetchFailed(error));
      }
    } else if (this.#phase === streaming) {
      this.#failBody(bodyTerminated(error));
    }
  }

  /** The body stream's source: `start`, `pull` and `cancel`. */
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#body = controller;
  }

  pull(): void {
    if (this.#ended) this.#endBody();
    else if (this.#decoding !== null) this.#decoding.resume();
    else this.#dispatch?.resume();
  }

  /** The reader gave up on the body: stop the upstream and let its connection go. */
  cancel(reason: unknown): void {
    if (this.#phase !== streaming) return;
    const ended = this.#ended;
    this.#finish();
    if (ended) return;
    this.#dispatch?.abort(
      reason instanceof Error ? reason : new DOMException('The body was cancelled', 'AbortError'),
    );
  }

  /** The caller's signal fired: reject, or error the body, with its reason, as `fetch` does. */
  handleEvent(): void {
    const reason = this.#signal?.reason;
    const ended = this.#ended;
    if (this.#phase === waiting) {
      this.#finish();
      this.#reject(reason);
    } else if (this.#phase === streaming) {
      // `fetch`'s text(), json()... refuse an aborted response even before reading; a reader
      // gets the reason.
      const response = this.#response;
      if (response?.body?.locked === false) failBodyMethodsAsAborted(response);
      this.#failBody(reason);
    } else {
      return;
    }
    if (!ended) this.#dispatch?.abort(reason);
  }

  /** The upstream is done: close the body once its queue is empty, else on a later pull. */
  #endBody(): void {
    this.#ended = true;
    const body = this.#body;
    if (body === null) this.#finish();
    else if (body.desiredSize === bodyQueue.highWaterMark) {
      this.#finish();
      body.close();
    }
  }

  #failBody(error: unknown): void {
    const body = this.#body;
    this.#finish();
    body?.error(error);
  }

  /** Nothing more reaches the caller: drop the listener, the body, the decoders. */
  #finish(): void {
    this.#phase = finished;
    this.#body = null;
    this.#response = null;
    this.#decoding?.destroy();
    this.#decoding = null;
    this.#signal?.removeEventListener('abort', this);
  }

  #decodedEvents() {
    return {
      chunk: (chunk: Buffer) => {
        const body = this.#body;
        if (body === null) return;
        body.enqueue(chunk);
        if ((body.desiredSize ?? 0) <= 0) this.#decoding?.pause();
      },
      end: () => this.#endBody(),
      error: (error: Error) => {
        if (this.#phase !== streaming) return;
        this.#failBody(bodyTerminated(error));
        this.#dispatch?.abort(error);
      },
      drain: () => this.#dispatch?.resume(),
    };
  }
}

/** Every header as received, repeated ones (`set-cookie`) appended one by one. */
function appendHeaders(target: Headers, source: ResponseHeaders): void {
  for (const name in source) {
    const value = source[name];
    if (typeof value === 'string') target.append(name, value);
    else if (value !== undefined) for (const item of value) target.append(name, item);
  }
}
