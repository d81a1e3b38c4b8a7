import type { Context } from 'hono';

/** A server-sent events response over an already-encoded body. */
export function streamSSEBody(c: Context, body: ReadableStream<Uint8Array>): Response {
  return c.body(body, 200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
}
