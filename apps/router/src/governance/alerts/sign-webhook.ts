import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/** The signature header: the receiver recomputes it to know the alert came from this gateway. */
export const signatureHeader = 'x-switchyard-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the timestamp is signed with the body,
 * so a receiver can refuse a replayed alert by its age.
 *
 * @example
 * const header = signWebhook(secret, body, Math.floor(Date.now() / 1000));
 * // verify: header === signWebhook(secret, receivedBody, timestampFromHeader)
 */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const signed = encoder.encode(`${timestampSeconds}.${body}`);
  const mac = bytesToHex(hmac(sha256, encoder.encode(secret), signed));
  return `t=${timestampSeconds},v1=${mac}`;
}
