import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';

/** Gives every request an id, returned on every response (errors included). */
export const requestId = (): MiddlewareHandler<RouterEnv> =>
  async function requestId(c, next) {
    const id = `req_${crypto.randomUUID().replaceAll('-', '')}`;
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-switchyard-request-id', id);
  };
