/**
 * Thinking signatures name the provider that made them. A signature (or redacted thinking data)
 * only verifies at the provider that issued it; replayed anywhere else it fails with "Invalid
 * signature in thinking block". The signatures handed to clients are therefore prefixed with the
 * serving provider's id, which cannot contain `:`, and the next turn keeps the thinking only for
 * that provider. Clients treat signatures as opaque and send them back unchanged.
 */
const prefix = 'switchyard:';

/** Where a thinking block of the conversation came from, as the request replays it. */
export interface ThinkingOrigin {
  /** The provider id that served it; absent for a signature this router did not issue. */
  provider?: string;
  /** The provider's own signature, or redacted thinking data; may be empty. */
  value: string;
}

/**
 * The signature the client sees: the provider's own value (empty for providers that do not sign
 * their reasoning), marked with the provider that served it.
 * @example signedBy('anthropic', 'EqQBCkYIBxgC') // 'switchyard:anthropic:EqQBCkYIBxgC'
 */
export function signedBy(provider: string, value: string | undefined): string {
  return `${prefix}${provider}:${value ?? ''}`;
}

/**
 * Reads a signature a client sent back; one without the mark is taken as Anthropic's own (a
 * conversation that began at Anthropic directly).
 * @example readSignature('switchyard:anthropic:EqQB') // { provider: 'anthropic', value: 'EqQB' }
 */
export function readSignature(signature: string): ThinkingOrigin {
  if (!signature.startsWith(prefix)) return { value: signature };
  const rest = signature.slice(prefix.length);
  const separator = rest.indexOf(':');
  if (separator <= 0) return { value: signature };
  return { provider: rest.slice(0, separator), value: rest.slice(separator + 1) };
}
