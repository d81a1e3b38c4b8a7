import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import type { AttemptRecord } from '../routing/attempt.ts';

/** One line per request: what was asked, what served it, and how. Never bodies or keys. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  model?: string;
  provider?: string;
  servedModel?: string;
  attempts?: AttemptRecord[];
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const consoleRequestLogger: RequestLogger = (entry) => console.log(JSON.stringify(entry));

export const requestLog = (logger: RequestLogger): MiddlewareHandler<RouterEnv> =>
  async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const route = c.get('route');
    logger({
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(route && {
        model: route.requested,
        provider: route.served?.providerId,
        servedModel: route.served?.modelId,
        attempts: route.attempts,
      }),
    });
  };
