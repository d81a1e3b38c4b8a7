import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

interface NodeCrypto {
  createHash(algorithm: 'sha256'): HashStream;
  createHmac(algorithm: 'sha256', key: Uint8Array): HashStream;
}
interface HashStream {
  update(text: string, encoding: 'utf8'): HashStream;
  digest(encoding: 'hex'): string;
}

/**
 * Node's native crypto where the runtime has it (found without an import, so the Worker bundle
 * never asks for `node:crypto`), else `@noble/hashes` (Workers: their `crypto.subtle` is
 * asynchronous). Native SHA-256 is an order of magnitude cheaper on the paths that hash per
 * request: keys, cache keys, idempotency fingerprints.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

const encoder = new TextEncoder();

/**
 * Lower-case hex SHA-256 of `text` as UTF-8 (a lone surrogate as U+FFFD, as `TextEncoder`).
 * @example sha256Hex('abc') // 'ba7816bf…'
 */
export function sha256Hex(text: string): string {
  if (nodeCrypto !== undefined)
    return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  return bytesToHex(sha256(encoder.encode(text)));
}

/**
 * Lower-case hex HMAC-SHA256 of `text` as UTF-8 under `key`.
 * @example hmacSha256Hex(secret, apiKey)
 */
export function hmacSha256Hex(key: Uint8Array, text: string): string {
  if (nodeCrypto !== undefined) {
    return nodeCrypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');
  }
  return bytesToHex(hmac(sha256, key, encoder.encode(text)));
}

/** The `@noble/hashes` versions, which every runtime has: the reference the native ones match. */
export const portableDigests = {
  sha256Hex: (text: string) => bytesToHex(sha256(encoder.encode(text))),
  hmacSha256Hex: (key: Uint8Array, text: string) =>
    bytesToHex(hmac(sha256, key, encoder.encode(text))),
};
