import type { Context, MiddlewareHandler } from 'hono';
import { resolveSecret } from '../config/index.ts';
import type { RouterDeps, RouterEnv } from '../context.ts';
import { AuthenticationError, PermissionError } from '../errors/index.ts';
import { tenantOf } from '../governance/principal.ts';
import { type Audience, audienceRefusal } from '../governance/records/access.ts';
import {
  type Authenticator,
  createAuthenticator,
  type RejectionReason,
} from '../governance/records/authenticator.ts';

export interface ApiKeyAuthOptions {
  /** Who the route is for (default `inference`): other callers get 403. */
  audience?: Audience;
  /**
   * Read a stored key from the store rather than the short-lived cache. Required on every route
   * that does not pass the admission script (which compares the cached version with the store),
   * so a revoked key is refused at once there too.
   */
  fresh?: boolean;
}

const rejections: Record<RejectionReason, string> = {
  // Says which key: newcomers send a provider's key here, or read a client's hint about another.
  unknown:
    'Invalid API key. The gateway key sent in `Authorization: Bearer` / `x-api-key` is not a key of this Switchyard router (provider keys belong in its config).',
  key_disabled: 'This API key has been disabled.',
  key_expired: 'This API key has expired.',
  team_disabled: "This API key's team has been disabled.",
  team_expired: "This API key's team has expired.",
};

/**
 * Resolves `c.get('principal')` and `c.get('tenant')` from `Authorization: Bearer <key>` (or
 * `x-api-key: <key>`, as Anthropic clients send it): the admin key (root), a key listed in the
 * config, or a stored key through `c.get('authenticator')` (which `createApp` provides). Unknown
 * keys get 401, callers outside the route's audience 403, and a store that cannot tell 503.
 *
 * @example app.get('/v1/models', apiKeyAuth(deps, { fresh: true }), models);
 */
export const apiKeyAuth = (
  deps: Pick<RouterDeps, 'adminKey' | 'config' | 'env'>,
  options: ApiKeyAuthOptions = {},
): MiddlewareHandler<RouterEnv> => {
  const { audience = 'inference', fresh = false } = options;
  let configuredOnly: Authenticator | undefined;
  // Without an authenticator from the app (no store), only the admin and config keys count.
  const fallback = () => {
    configuredOnly ??= createAuthenticator({
      adminKey: deps.adminKey,
      staticKeys: resolveStaticKeys(deps),
    });
    return configuredOnly;
  };
  return async function apiKeyAuth(c, next) {
    const presented = presentedKey(c);
    if (presented === undefined) throw new AuthenticationError();
    const authenticator = c.get('authenticator') ?? fallback();
    const result = await authenticator.authenticate(presented, { fresh });
    if (result.status === 'unavailable') throw result.error;
    if (result.status === 'rejected') throw new AuthenticationError(rejections[result.reason]);
    const refusal = audienceRefusal(result.principal, audience);
    if (refusal !== undefined) throw new PermissionError(refusal);
    c.set('principal', result.principal);
    c.set('tenant', tenantOf(result.principal));
    await next();
  };
};

/**
 * The config's keys with their secrets resolved; a key whose variable is unset is left out.
 * @example createAuthenticator({ adminKey, staticKeys: resolveStaticKeys(deps), ... })
 */
export function resolveStaticKeys(
  deps: Pick<RouterDeps, 'config' | 'env'>,
): { key: string; tenant: string }[] {
  return deps.config.keys.flatMap(({ key, tenant }) => {
    const resolved = resolveSecret(key, deps.env ?? {});
    return resolved === undefined ? [] : [{ key: resolved, tenant }];
  });
}

function presentedKey(c: Context<RouterEnv>): string | undefined {
  const bearer = c.req
    .header('authorization')
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
  if (bearer) return bearer;
  const apiKey = c.req.header('x-api-key')?.trim();
  return apiKey ? apiKey : undefined;
}
