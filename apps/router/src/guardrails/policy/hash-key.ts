import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const purpose = new TextEncoder().encode('switchyard guardrail match v1');

/**
 * The key guardrail matches are hashed under, derived from the server secret stored keys are
 * hashed under, so every process of a deployment records the same value alike. Without that
 * secret, a random key: hashes then only correlate within one process.
 * @example guardrailHashKey(keySecretFrom(env, adminKey))
 */
export function guardrailHashKey(serverSecret: Uint8Array | undefined): Uint8Array {
  if (serverSecret === undefined) return crypto.getRandomValues(new Uint8Array(32));
  return hmac(sha256, serverSecret, purpose);
}
