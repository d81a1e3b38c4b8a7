import { sha256Hex } from '../hashing/hex-digests.ts';
import { canonicalJson } from './canonical-json.ts';

/** Bumped whenever what goes into a key, or an entry's shape, changes. */
const keyVersion = 1;

/**
 * Call-option fields that cannot change what the model answers: transport only. Everything
 * else — prompt, tools, tool choice, response format, sampling, seed, reasoning, provider
 * options — is part of the key.
 */
const ignoredFields = new Set(['abortSignal', 'headers', 'includeRawChunks']);

/**
 * `user` (an end-user id for abuse monitoring) in any provider's options: not an input. A
 * provider left with no options counts as absent, so `{openai: {user}}` keys like no options.
 */
function withoutUser(
  providerOptions: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const kept = Object.entries(providerOptions).flatMap(([provider, options]) => {
    if (!isRecord(options) || !('user' in options)) return [[provider, options]];
    const { user: _user, ...rest } = options;
    return Object.keys(rest).length === 0 ? [] : [[provider, rest]];
  });
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface CacheKeyParts {
  /** Whose cache: the tenant (key or team); entries never cross tenants. */
  tenant: string;
  /** The model the client asked for, and the targets it resolves to in the config. */
  model: string;
  targets: string[];
  kind: 'language' | 'embedding';
  options: object;
}

/** SHA-256 (hex) of everything that can change the answer, canonically encoded. */
export async function cacheKey(parts: CacheKeyParts): Promise<string> {
  const options: Record<string, unknown> = Object.fromEntries(
    Object.entries(parts.options).filter(([field]) => !ignoredFields.has(field)),
  );
  if (isRecord(options.providerOptions))
    options.providerOptions = withoutUser(options.providerOptions);
  const material = canonicalJson({
    version: keyVersion,
    tenant: parts.tenant,
    model: parts.model,
    targets: parts.targets,
    kind: parts.kind,
    options,
  });
  // Synchronous: WebCrypto's digest is a thread-pool round trip on Node, slower than hashing.
  return sha256Hex(material);
}
