import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { Context } from 'hono';
import { coalescedBytes } from '../streams/coalesced-bytes.ts';
import { fusedTransform, type PartTransformer } from '../streams/fused-stream.ts';

/**
 * A server-sent events response over an already-encoded body. No `connection` header: the
 * runtime owns it (on Node a route's `keep-alive` would override a client's `close`).
 */
export function streamSSEBody(c: Context, body: ReadableStream<Uint8Array>): Response {
  return c.body(body, 200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
}

/**
 * A protocol's event encoder run over the answer's parts, as the last stage of the stream:
 * the events encoded from one upstream read leave in one write.
 * @example return streamSSEBody(c, encodeEvents(served.value, createMessageEventStream(identity)));
 */
export function encodeEvents(
  parts: ReadableStream<LanguageModelV4StreamPart>,
  encoder: PartTransformer<LanguageModelV4StreamPart, string>,
): ReadableStream<Uint8Array> {
  return coalescedBytes(fusedTransform(parts, encoder));
}
