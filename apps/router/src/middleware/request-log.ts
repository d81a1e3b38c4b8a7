import type { MiddlewareHandler } from 'hono';
import type { Cost } from '../accounting/compute-cost.ts';
import type { RouterEnv } from '../context.ts';
import { formatRoute } from '../facts/format-route.ts';
import type { AttemptRecord, Segment } from '../facts/route-facts.ts';

/** One line per request: what was asked, what served it, how, and what it cost. Never bodies or keys. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** Until the last byte for streams, until the response otherwise. */
  durationMs: number;
  stream?: boolean;
  model?: string;
  provider?: string;
  servedModel?: string;
  attempts?: AttemptRecord[];
  /** When a stream was continued: each target's share, with its own usage and cost. */
  segments?: Segment[];
  route?: string;
  inputTokens?: number;
  outputTokens?: number;
  cost?: Cost;
  cache?: 'HIT' | 'MISS' | 'BYPASS';
  /** On a cache hit: what the answer cost when it was made. */
  savedCost?: Cost;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const consoleRequestLogger: RequestLogger = (entry) => console.log(JSON.stringify(entry));

/** Logs when the response is complete: for a stream, once its last event has been sent. */
export const requestLog = (logger: RequestLogger): MiddlewareHandler<RouterEnv> =>
  async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const write = () => {
      const route = c.get('route');
      logger({
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(streaming && { stream: true }),
        ...(route && {
          model: route.requested,
          provider: route.served?.providerId,
          servedModel: route.served?.modelId,
          attempts: route.attempts,
          ...(route.segments.length > 1 && { segments: route.segments }),
          route: formatRoute(route),
          inputTokens: route.usage?.inputTokens.total,
          outputTokens: route.usage?.outputTokens.total,
          cost: route.cost,
          cache: route.cache?.status,
          savedCost: route.cache?.savedCost,
        }),
      });
    };
    const streaming = c.res.headers.get('content-type')?.startsWith('text/event-stream') === true;
    if (!streaming || c.res.body === null) return write();
    let written = false;
    const once = () => {
      if (!written) write();
      written = true;
    };
    // A client that leaves early cancels the body: log what is known then.
    const reader = c.res.body.getReader();
    const tracked = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          once();
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        once();
        return reader.cancel(reason);
      },
    });
    c.res = new Response(tracked, c.res);
  };
