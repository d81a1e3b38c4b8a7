import type { MiddlewareHandler } from 'hono';
import { resolveSecret } from '../config/index.ts';
import type { RouterDeps, RouterEnv } from '../context.ts';
import { AuthenticationError } from '../errors/index.ts';

const encoder = new TextEncoder();

/**
 * Accepts `Authorization: Bearer <key>` for the admin key (tenant `admin`) and every key in
 * the config's `keys` (its own tenant). Keys are compared by SHA-256 digest, so neither the
 * comparison's timing nor memory holds a key once hashed.
 */
export const apiKeyAuth = (
  deps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
): MiddlewareHandler<RouterEnv> => {
  const entries = [
    ...(deps.adminKey ? [{ key: deps.adminKey, tenant: 'admin' }] : []),
    ...deps.config.keys.flatMap(({ key, tenant }) => {
      const resolved = resolveSecret(key, deps.env ?? {});
      return resolved === undefined ? [] : [{ key: resolved, tenant }];
    }),
  ];
  const tenants = Promise.all(
    entries.map(async ({ key, tenant }) => [await digest(key), tenant] as const),
  ).then((pairs) => new Map(pairs));
  // Keys seen to match, so a known key skips hashing (a thread-pool hop on Node). Only valid
  // keys are remembered, so guesses cannot grow it; it is bounded all the same.
  const recent = new Map<string, string>();
  return async function apiKeyAuth(c, next) {
    const header = c.req.header('authorization');
    const presented = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (presented === undefined) throw new AuthenticationError();
    let tenant = recent.get(presented);
    if (tenant === undefined) {
      tenant = (await tenants).get(await digest(presented));
      if (tenant === undefined) throw new AuthenticationError('Invalid API key.');
      if (recent.size >= 256) recent.clear();
      recent.set(presented, tenant);
    }
    c.set('tenant', tenant);
    await next();
  };
};

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
