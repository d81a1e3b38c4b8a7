import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';

/**
 * Gives every request an id, returned on every response (errors included) as
 * `x-switchyard-request-id` and as `x-request-id`, which the `openai` client reads into
 * `requestID` and `_request_id`.
 * @example app.use(requestId());
 */
export const requestId = (): MiddlewareHandler<RouterEnv> =>
  async function requestId(c, next) {
    const id = `req_${crypto.randomUUID().replaceAll('-', '')}`;
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-switchyard-request-id', id);
    c.res.headers.set('x-request-id', id);
  };
