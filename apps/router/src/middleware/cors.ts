import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { CorsConfig } from '../config/cors-schema.ts';
import type { RouterEnv } from '../context.ts';

/**
 * CORS for browser apps, from `server.cors`. Mounted before any route, so a preflight (`OPTIONS`)
 * gets its 204 without a key, and every answer, errors included, carries the allowed origin
 * (and `Vary: Origin` when origins are listed) so the app can read why it was refused.
 * @example if (config.server.cors) app.use(cors(config.server.cors));
 */
export const cors = (options: CorsConfig): MiddlewareHandler<RouterEnv> =>
  honoCors({
    origin: options.origins,
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    // Empty: answer a preflight with the headers it asked for.
    allowHeaders: options.headers ?? [],
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAge,
    credentials: options.credentials,
  });
