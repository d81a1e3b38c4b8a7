import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import { newRequestId } from '../observability/request-ids.ts';

/**
 * Gives every request an id, returned on every response (errors included) as
 * `x-switchyard-request-id` and as `x-request-id`, which the `openai` client reads into
 * `requestID` and `_request_id`. The id carries its time (epoch ms from `now`), so the request
 * record is found from the id alone.
 * @example app.use(requestId(Date.now));
 */
export const requestId = (now: () => number = Date.now): MiddlewareHandler<RouterEnv> =>
  async function requestId(c, next) {
    const id = newRequestId(now());
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-switchyard-request-id', id);
    c.res.headers.set('x-request-id', id);
  };
