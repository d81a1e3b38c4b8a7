import { describe, expect, it } from 'vitest';
import {
  generateApiKey,
  hashApiKey,
  isStoredKeyFormat,
  keyLabel,
  keySecretFrom,
} from './key-material.ts';

const secret = new TextEncoder().encode('test secret');

describe('key material', () => {
  it('generates keys with the sk-sy-v1- prefix and at least 256 random bits', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^sk-sy-v1-[0-9A-Za-z]{44}$/);
    // 44 base62 characters carry 44 * log2(62) ≈ 262 bits.
    expect(44 * Math.log2(62)).toBeGreaterThan(256);
    expect(new Set(Array.from({ length: 100 }, generateApiKey)).size).toBe(100);
  });

  it('recognises only its own format, so other text never costs a store read', () => {
    expect(isStoredKeyFormat(generateApiKey())).toBe(true);
    expect(isStoredKeyFormat('sk-sy-v1-short')).toBe(false);
    expect(isStoredKeyFormat(`sk-sy-v2-${'a'.repeat(44)}`)).toBe(false);
    expect(isStoredKeyFormat(`sk-sy-v1-${'a'.repeat(43)}!`)).toBe(false);
  });

  it('labels a key with its last four characters only', () => {
    const key = `sk-sy-v1-${'x'.repeat(40)}a3f9`;
    expect(keyLabel(key)).toBe('sk-sy-v1-…a3f9');
  });

  it('hashes with HMAC-SHA256 under the secret: stable, secret-dependent, hex', () => {
    const key = generateApiKey();
    const hash = hashApiKey(secret, key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(secret, key)).toBe(hash);
    expect(hashApiKey(new TextEncoder().encode('other'), key)).not.toBe(hash);
    expect(hashApiKey(secret, generateApiKey())).not.toBe(hash);
  });

  it('takes the secret from SWITCHYARD_KEY_SECRET, else derives it from the admin key', () => {
    const explicit = keySecretFrom({ SWITCHYARD_KEY_SECRET: 's3cret' }, 'sk-admin');
    expect(explicit).toEqual(new TextEncoder().encode('s3cret'));
    const derived = keySecretFrom({}, 'sk-admin');
    expect(derived).toHaveLength(32);
    expect(keySecretFrom({}, 'sk-admin')).toEqual(derived);
    expect(keySecretFrom({}, 'sk-other')).not.toEqual(derived);
    expect(keySecretFrom({ SWITCHYARD_KEY_SECRET: '' }, 'sk-admin')).toEqual(derived);
  });

  it('has no secret, so stored keys are off, with neither variable', () => {
    expect(keySecretFrom({}, undefined)).toBeUndefined();
    expect(keySecretFrom({ SWITCHYARD_KEY_SECRET: 42 }, '')).toBeUndefined();
  });
});
