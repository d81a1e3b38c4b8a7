import safeRegex from 'safe-regex2';
import type { Detector, Finding } from './detector.ts';
import { patternDetector, sliceChars } from './pattern-detector.ts';
import { maxMatchLength } from './regex-max-length.ts';

/** The longest text a custom expression may match: streams hold back this much at most. */
export const maxCustomMatchLength = 1_000;

const wordCharacter = /[A-Za-z0-9_]/;

/**
 * Literal terms, matched whole-word (where a term starts or ends with a letter or digit) and
 * case-insensitively unless told otherwise; one alternation for all of a rule's terms.
 * @example termDetector('codenames', ['Project Nightjar'], false, 'CODENAME')
 */
export function termDetector(
  rule: string,
  terms: readonly string[],
  caseSensitive: boolean,
  label: string,
): Detector {
  const sorted = [...new Set(terms)].sort((left, right) => right.length - left.length);
  const pattern = new RegExp(sorted.map(escapeRegExp).join('|'), caseSensitive ? 'g' : 'gi');
  const maxLength = Math.max(...sorted.map((term) => term.length));
  const detector: Detector = {
    id: `custom.${rule}`,
    family: 'custom',
    label,
    maxLength,
    // The character before a term decides whether it starts a word.
    lookback: 1,
    keywords: sorted.map((term) => term.toLowerCase()),
    scan(text, from, to) {
      const findings: Finding[] = [];
      for (let position = from; position < to; position += sliceChars) {
        const until = Math.min(to, position + sliceChars);
        const slice = text.slice(position, Math.min(text.length, until + maxLength + 1));
        pattern.lastIndex = 0;
        for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
          const start = position + match.index;
          if (start >= until) break;
          const end = start + match[0].length;
          if (touchesWord(text, start, end)) {
            pattern.lastIndex = match.index + 1;
            continue;
          }
          findings.push({ detector, start, end, value: match[0] });
        }
      }
      return findings;
    },
  };
  return detector;
}

function touchesWord(text: string, start: number, end: number): boolean {
  const first = text.charAt(start);
  const last = text.charAt(end - 1);
  return (
    (wordCharacter.test(first) && start > 0 && wordCharacter.test(text.charAt(start - 1))) ||
    (wordCharacter.test(last) && end < text.length && wordCharacter.test(text.charAt(end)))
  );
}

/**
 * Why an operator's (or a request's) expression cannot be used; undefined when it can.
 * @example checkCustomPattern('(a+)+', '') // 'the pattern may backtrack catastrophically: ...'
 */
export function checkCustomPattern(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `the pattern does not compile (${(error as Error).message})`;
  }
  if (!safeRegex(optionalGroupsAsAlternatives(source))) {
    return 'the pattern may backtrack catastrophically: safe-regex2 refuses nested repetition (such as (a+)+) and lookbehind, which it cannot check';
  }
  const longest = maxMatchLength(source, /[uv]/.test(flags));
  if (!Number.isFinite(longest)) {
    return 'the pattern can match text of unbounded length (*, +, {n,} or a backreference); bound each repetition, e.g. {1,64}';
  }
  if (longest > maxCustomMatchLength) {
    return `the pattern can match up to ${longest} characters; at most ${maxCustomMatchLength} are allowed`;
  }
  return undefined;
}

/**
 * A vetted custom expression as a detector (check it with `checkCustomPattern` first).
 * @example regexDetector('tickets', 'TICKET-[0-9]{4,8}', 'i', 'TICKET')
 */
export function regexDetector(
  rule: string,
  source: string,
  flags: string,
  label: string,
): Detector {
  const maxLength = maxMatchLength(source, /[uv]/.test(flags));
  const prefix = literalPrefix(source);
  return patternDetector('custom', {
    id: rule,
    label,
    pattern: new RegExp(source, flags),
    maxLength,
    keepPlaceholders: true,
    ...(prefix.length >= 2 && { keywords: [prefix.toLowerCase()] }),
  });
}

/**
 * The literal text every match starts with (`TICKET-` of `TICKET-[0-9]{4,8}`), used as the
 * expression's keyword prefilter; '' when it starts with anything else or has a top-level `|`.
 */
export function literalPrefix(source: string): string {
  let depth = 0;
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source.charAt(index);
    if (character === '\\') index += 1;
    else if (inClass) inClass = character !== ']';
    else if (character === '[') inClass = true;
    else if (character === '(') depth += 1;
    else if (character === ')') depth -= 1;
    else if (character === '|' && depth === 0) return '';
  }
  let prefix = '';
  for (let index = 0; index < source.length; index += 1) {
    let character = source.charAt(index);
    if (character === '\\' && /[-./:_#@= ]/.test(source.charAt(index + 1))) {
      character = source.charAt(index + 1);
      index += 1;
    } else if (!/[A-Za-z0-9 _:/=#@-]/.test(character)) break;
    // A quantified last character may be absent or repeated: it is not part of the prefix.
    if (/^[?*{]/.test(source.charAt(index + 1))) break;
    prefix += character;
  }
  return prefix;
}

/**
 * `(X)?` written as `(X|)`: the same matches and the same backtracking, but no repetition, so
 * safe-regex2 (which counts `?` as one) does not refuse an optional group around a bounded
 * repetition, such as `(?:-[A-Z]{2})?`. Used for the check only.
 * @example optionalGroupsAsAlternatives('T-[0-9]{4}(?:-[A-Z]{2})?') // 'T-[0-9]{4}(?:-[A-Z]{2}|)'
 */
export function optionalGroupsAsAlternatives(source: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source.charAt(index);
    if (character === '\\') {
      result += source.slice(index, index + 2);
      index += 1;
      continue;
    }
    if (character === '[') inClass = true;
    else if (character === ']') inClass = false;
    const optional = /^(?:\?\??|\{0,1\}\??)/.exec(source.slice(index + 1))?.[0] ?? '';
    if (character === ')' && !inClass && optional !== '') {
      result += '|)';
      index += optional.length;
      continue;
    }
    result += character;
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
