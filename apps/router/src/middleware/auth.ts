import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { MiddlewareHandler } from 'hono';
import { resolveSecret } from '../config/index.ts';
import type { RouterDeps, RouterEnv } from '../context.ts';
import { AuthenticationError } from '../errors/index.ts';

const encoder = new TextEncoder();

/** Synchronous: a WebCrypto digest is a thread-pool hop on Node, slower than hashing a key here. */
const digest = (text: string): string => bytesToHex(sha256(encoder.encode(text)));

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
  // Only digests are kept: no key, configured or presented, stays in memory as text.
  const tenants = new Map(entries.map(({ key, tenant }) => [digest(key), tenant]));
  return async function apiKeyAuth(c, next) {
    const header = c.req.header('authorization');
    const presented = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (presented === undefined) throw new AuthenticationError();
    const tenant = tenants.get(digest(presented));
    if (tenant === undefined) throw new AuthenticationError('Invalid API key.');
    c.set('tenant', tenant);
    await next();
  };
};
