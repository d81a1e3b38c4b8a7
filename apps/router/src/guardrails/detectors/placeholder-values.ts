/** Template and masking marks: never part of a real key. */
const marks = ['...', '…', '***', '<', '>', '{{', '${', '12345678', 'abcdefgh'];

/** Documentation examples that look random (AWS's, jwt.io's), so no word test can tell. */
const knownExamples = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // jwt.io's example token, signed with `your-256-bit-secret`.
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
];

/** Words that mark a value as an example or a template slot. */
const placeholderWords =
  /(your|example|placeholder|dummy|redacted|changeme|change_me|insert|replace|sample|fake|test_?key)/gi;

/**
 * The allow-list every secret rule passes its value through: documentation examples
 * (`AKIAIOSFODNN7EXAMPLE`), template slots (`YOUR_API_KEY`, `sk-...`, `<token>`), masked values
 * (`sk-****`, `sk-xxxxxxxx`) and runs of few characters. A short word counts only as a word —
 * in one case, with no letter running on — so a random key that happens to hold `yOuR` or
 * `YOURk` is still a key.
 * @example isPlaceholderValue('sk-...') // true
 * @example isPlaceholderValue('YOUR_API_KEY') // true
 */
export function isPlaceholderValue(value: string): boolean {
  if (marks.some((mark) => value.includes(mark))) return true;
  if (knownExamples.some((example) => value.includes(example))) return true;
  if (/(.)\1{7}/.test(value) || new Set(value.toLowerCase()).size <= 3) return true;
  for (const match of value.matchAll(placeholderWords)) {
    if (isWord(value, match.index, match[0])) return true;
  }
  return false;
}

function isWord(value: string, start: number, word: string): boolean {
  const lower = word === word.toLowerCase();
  const upper = word === word.toUpperCase();
  const capitalized = word === word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
  if (!lower && !upper && !capitalized) return false;
  // Seven letters in one case do not occur in a random key by chance (62^-7 a position).
  if (word.length >= 7) return true;
  const before = value.charAt(start - 1);
  const after = value.charAt(start + word.length);
  // Separators, not digits or a case change: a random key is full of both.
  const startsWord = !/[A-Za-z0-9]/.test(before);
  const endsWord = upper ? !/[A-Za-z0-9]/.test(after) : !/[a-z0-9]/.test(after);
  return startsWord && endsWord;
}
