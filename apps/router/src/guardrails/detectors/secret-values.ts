import { shannonEntropy } from './entropy.ts';
import { isPlaceholderValue } from './placeholder-values.ts';

/** `settings.SECRET_KEY`, `os.environ.get`: a reference to a secret, not the secret. */
const dottedIdentifier = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
/** `DB_PASSWORD`, `SECRET`: the name of a variable that holds one. */
const constantName = /^[A-Z_][A-Z0-9_]*$/;
const pathOrUrl = /^(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)|:\/\//;
/** `api_key_id`, `secret_name`, `token_ttl`: a setting about a secret, not the secret. */
const describesSecret =
  /[_.-](?:id|name|type|url|uri|path|file|header|field|env|var|count|length|len|ttl|expiry|expires|version|hint|policy|min|max)(?![a-z])/i;
/** `next_token`, `page_token`: a pagination cursor. */
const paginates = /(?:next|page|continuation|cursor|sync|start)[_.-]?(?:token|key)/i;

/** Characters identifiers and paths never hold, and passwords often do. */
const passwordCharacter = /[!@#%^&*+=?~]/;

/**
 * Whether the value assigned to a secret-looking name is a secret: not a reference (a dotted
 * name, a constant's name, a path or URL), not cut from a longer token, not words run together
 * (`getUserProfile`, `bert-base-uncased`), and random enough: a password symbol, or three kinds
 * of character, or sixteen characters of mixed case or digits at a high entropy.
 * @example isLikelyAssignedSecret('Tr0ub4dor&3xyz', ' ') // true
 * @example isLikelyAssignedSecret('settings.SECRET_KEY', '') // false
 */
export function isLikelyAssignedSecret(value: string, next: string, name = ''): boolean {
  if (/[A-Za-z0-9]/.test(next) || describesSecret.test(name) || paginates.test(name)) return false;
  if (dottedIdentifier.test(value) || constantName.test(value) || pathOrUrl.test(value)) {
    return false;
  }
  // A hex digest-sized value under a secret's name is a key (API secrets, HMAC keys).
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  const hasLower = /[a-z]/.test(value);
  const hasUpper = /[A-Z]/.test(value);
  const digits = value.replace(/\D/g, '').length;
  if (passwordCharacter.test(value)) return (hasLower || hasUpper) && (digits > 0 || hasUpper);
  if (looksLikeWords(value)) return false;
  if (hasLower && hasUpper && digits > 0) return true;
  return (
    value.length >= 16 && shannonEntropy(value) >= 3.5 && (digits >= 2 || (hasLower && hasUpper))
  );
}

/** A word (`User`, `base`), an acronym (`API`), or a short version or number (`v1`, `2`). */
const wordSegment = /^(?:[A-Za-z][a-z]{2,}\d{0,2}|[A-Z]{2,5}|v?\d{1,3})$/;

/** Words run together (`getUserProfile`, `bert-base-uncased-v1`): every segment is one. */
function looksLikeWords(value: string): boolean {
  const segments = value.split(/(?=[A-Z][a-z])|[_.\-/:]+/).filter((segment) => segment !== '');
  const words = segments.filter((segment) => /[a-z]{3}/i.test(segment));
  return (
    segments.length > 0 &&
    segments.every((segment) => wordSegment.test(segment)) &&
    words.every((word) => /[aeiouy]/i.test(word))
  );
}

/** A PEM private key with a body (not a documentation stub such as `MIIE...`). */
export function isPrivateKeyBody(pem: string): boolean {
  const body = pem
    .replace(/-----(?:BEGIN|END)[A-Z ]{0,40}-----/g, '')
    .replace(/^[A-Za-z-]{1,20}:.*$/gm, '')
    .replace(/\s/g, '');
  return body.length >= 64 && !isPlaceholderValue(body) && shannonEntropy(body) >= 4.5;
}
