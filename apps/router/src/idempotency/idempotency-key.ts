import { InvalidRequestError } from '../errors/index.ts';
import { sha256Hex } from '../hashing/hex-digests.ts';

/** The request header (IETF draft-ietf-httpapi-idempotency-key-header; Stripe's spelling). */
export const idempotencyKeyHeader = 'idempotency-key';

/** Longer than a UUID or any key a client library makes; Stripe's limit. */
const maxKeyLength = 255;

/**
 * The key a client sent, unquoted (the IETF draft sends it as a quoted string, most clients
 * bare): 1 to 255 visible ASCII characters, else a 400 naming the header.
 * @example parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"') // '8e03978e-...'
 */
export function parseIdempotencyKey(header: string): string {
  const trimmed = header.trim();
  const key = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (key.length === 0 || key.length > maxKeyLength || !/^[\x21-\x7e]+$/.test(key)) {
    throw new InvalidRequestError({
      message: `The Idempotency-Key header must be 1 to ${maxKeyLength} visible ASCII characters without spaces, such as a UUID.`,
      param: 'Idempotency-Key',
      code: 'invalid_idempotency_key',
    });
  }
  return key;
}

/**
 * Where a key's record lives: per tenant, so two API keys never see each other's answers, and
 * hashed, so the client's text never reaches a store key.
 */
export function idempotencyStoreKey(tenant: string, key: string): string {
  return `sy:idempotency:${tenant}:${sha256Hex(key)}`;
}
