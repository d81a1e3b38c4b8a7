import { shannonEntropy } from './entropy.ts';
import { isPlaceholderValue } from './placeholder-values.ts';

/** `settings.SECRET_KEY`, `os.environ.get`: a reference to a secret, not the secret. */
const dottedIdentifier = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
/** `DB_PASSWORD`, `SECRET`: the name of a variable that holds one. */
const constantName = /^[A-Z_][A-Z0-9_]*$/;
const pathOrUrl = /^(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)|:\/\//;
const specialCharacter = /[^A-Za-z0-9_.-]/;

/**
 * Whether the value assigned to a secret-looking name is a secret: not a reference (a dotted
 * name, a constant's name, a path or URL), not cut from a longer token, and random enough —
 * three kinds of character (lower, upper, digit, symbol), or sixteen or more characters of
 * letters and digits mixed at a high entropy.
 * @example isLikelyAssignedSecret('Tr0ub4dor&3xyz', ' ') // true
 * @example isLikelyAssignedSecret('settings.SECRET_KEY', '') // false
 */
export function isLikelyAssignedSecret(value: string, next: string): boolean {
  if (/[A-Za-z0-9]/.test(next)) return false;
  if (dottedIdentifier.test(value) || constantName.test(value) || pathOrUrl.test(value)) {
    return false;
  }
  const hasLower = /[a-z]/.test(value);
  const hasUpper = /[A-Z]/.test(value);
  const digits = value.replace(/\D/g, '').length;
  const kinds = [hasLower, hasUpper, digits > 0, specialCharacter.test(value)].filter(Boolean);
  if (kinds.length >= 3) return digits > 0 || shannonEntropy(value) >= 3.5;
  return (
    value.length >= 16 && digits >= 2 && (hasLower || hasUpper) && shannonEntropy(value) >= 3.5
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
