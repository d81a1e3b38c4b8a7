import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { RouterConfig } from '../config/index.ts';
import type { RouterDeps, RouterEnv } from '../context.ts';
import { InvalidRequestError } from '../errors/index.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';

export const providerKeysHeader = 'x-switchyard-provider-keys';

const keysSchema = z.record(z.string(), z.string().min(1));

/**
 * Bring your own key: `x-switchyard-provider-keys: {"groq":"gsk_..."}` serves this request with
 * the caller's keys, for providers whose config sets `allowRequestKeys`. The request gets its
 * own registry, so the keys never reach shared model instances; they are never logged.
 */
export const providerKeys = (deps: RouterDeps): MiddlewareHandler<RouterEnv> =>
  async function providerKeys(c, next) {
    const header = c.req.header(providerKeysHeader);
    if (header !== undefined) {
      const keys = parseProviderKeys(header, deps.config);
      if (Object.keys(keys).length > 0) {
        const context = { env: deps.env ?? {}, fetch: deps.fetch };
        c.set('registry', createProviderRegistry(deps.config, context, keys));
        c.set('requestKeyProviders', new Set(Object.keys(keys)));
      }
    }
    await next();
  };

/** The header's keys by provider id; a 400 for bad JSON or a provider that takes no request keys. */
export function parseProviderKeys(header: string, config: RouterConfig): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    value = undefined;
  }
  const result = keysSchema.safeParse(value);
  if (!result.success) {
    // The header's content is never echoed: it holds keys.
    throw new InvalidRequestError({
      message: `${providerKeysHeader} must be a JSON object of provider ids to keys.`,
      param: providerKeysHeader,
    });
  }
  // The header's own names, not the parsed record's: a record drops a `__proto__` member.
  for (const providerId of Object.keys(value as object)) {
    const provider = Object.hasOwn(config.providers, providerId)
      ? config.providers[providerId]
      : undefined;
    if (provider === undefined || provider.type === 'mock' || !provider.allowRequestKeys) {
      // Only a configured provider id is named: an unknown name may be a key sent in its place.
      throw new InvalidRequestError({
        message:
          provider === undefined
            ? `${providerKeysHeader} names a provider that is not configured.`
            : `Provider '${providerId}' does not accept keys from requests (allowRequestKeys is off).`,
        param: providerKeysHeader,
        code: 'byok_not_allowed',
      });
    }
  }
  return result.data;
}
