import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmacSha256Hex } from '../../hashing/hex-digests.ts';

const prefix = 'sk-sy-v1-';
const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 44 base62 characters: about 262 random bits, more than 32 bytes. */
const randomLength = 44;
const storedKeyPattern = new RegExp(`^${prefix}[0-9A-Za-z]{${randomLength}}$`);
const encoder = new TextEncoder();

/**
 * A new stored API key: `sk-sy-v1-` and 44 random base62 characters. Shown once; the store keeps
 * only its HMAC.
 * @example generateApiKey(); // 'sk-sy-v1-7Hq…'
 */
export function generateApiKey(): string {
  let text = '';
  while (text.length < randomLength) {
    for (const byte of crypto.getRandomValues(new Uint8Array(64))) {
      // Bytes from 248 up are skipped, so every character is equally likely (248 = 4 × 62).
      if (byte < 248 && text.length < randomLength) text += alphabet[byte % 62];
    }
  }
  return prefix + text;
}

/** True for text shaped like a stored key; anything else is not worth a store read. */
export const isStoredKeyFormat = (text: string): boolean => storedKeyPattern.test(text);

/**
 * The masked form that is safe to show and log.
 * @example keyLabel(generateApiKey()) // 'sk-sy-v1-…a3f9'
 */
export const keyLabel = (key: string): string => `${prefix}…${key.slice(-4)}`;

/**
 * How a stored key is found: HMAC-SHA256 of the key under the server secret, as hex. Synchronous:
 * faster here than a WebCrypto round trip.
 * @example hashApiKey(secret, 'sk-sy-v1-…') // '5f0c…' (64 hex digits)
 */
export const hashApiKey = (secret: Uint8Array, key: string): string => hmacSha256Hex(secret, key);

/**
 * The server secret stored keys are hashed under: `SWITCHYARD_KEY_SECRET`, or one derived from
 * the admin key so a local run works without it (changing the admin key then invalidates every
 * stored key). Undefined with neither: stored keys are off.
 * @example keySecretFrom(process.env, process.env.SWITCHYARD_ADMIN_KEY)
 */
export function keySecretFrom(
  env: Readonly<Record<string, unknown>>,
  adminKey: string | undefined,
): Uint8Array | undefined {
  const configured = env.SWITCHYARD_KEY_SECRET;
  if (typeof configured === 'string' && configured !== '') return encoder.encode(configured);
  const root = adminKey?.trim();
  if (!root) return undefined;
  return hmac(sha256, encoder.encode(root), encoder.encode('switchyard key secret v1'));
}
