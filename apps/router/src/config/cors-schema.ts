import { z } from 'zod';

/**
 * What a browser app may read by default: the request id (also as OpenAI's `x-request-id`), the
 * route facts, and the limits a client backs off by.
 */
export const defaultExposedHeaders = [
  'x-request-id',
  'x-switchyard-request-id',
  'x-switchyard-provider',
  'x-switchyard-model',
  'x-switchyard-attempts',
  'x-switchyard-cache',
  'x-switchyard-cache-key',
  'x-switchyard-route',
  'x-switchyard-warnings',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'retry-after',
  'x-should-retry',
  'age',
];

/** Browsers send `scheme://host[:port]` exactly: no path, no trailing slash. */
const originSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/i,
    'an origin is scheme://host[:port], without a path or a trailing slash',
  );

const headerNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a header name');

/**
 * `server.cors`: which browser origins may call the gateway. Absent (the default), no CORS
 * headers are sent and browsers refuse cross-origin calls.
 */
export const corsSchema = z
  .strictObject({
    /** Allowed origins, or `"*"` for any. */
    origins: z.union([z.literal('*'), z.array(originSchema).min(1, 'origins: list at least one')]),
    /** Request headers a browser may send; by default, whatever its preflight asks for. */
    headers: z.array(headerNameSchema).min(1).optional(),
    /** Response headers a browser app may read. */
    exposeHeaders: z.array(headerNameSchema).default(defaultExposedHeaders),
    /** How long (seconds) a browser may reuse a preflight answer. */
    maxAge: z.number().int().min(0).max(86_400).default(600),
    /** Let browsers send cookies and read the answer (`credentials: 'include'`). */
    credentials: z.boolean().default(false),
  })
  .refine((cors) => !(cors.credentials && cors.origins === '*'), {
    message: 'credentials needs listed origins: browsers refuse credentials with "*"',
    path: ['credentials'],
  })
  .optional();

export type CorsConfig = NonNullable<z.infer<typeof corsSchema>>;
