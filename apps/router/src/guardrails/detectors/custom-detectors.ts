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
  const maxLength = Math.max(...sorted.map((term) => term.length)) + 1;
  const detector: Detector = {
    id: `custom.${rule}`,
    family: 'custom',
    label,
    maxLength,
    keywords: sorted.map((term) => term.toLowerCase()),
    scan(text, from, to) {
      const findings: Finding[] = [];
      for (let position = from; position < to; position += sliceChars) {
        const until = Math.min(to, position + sliceChars);
        const slice = text.slice(position, Math.min(text.length, until + maxLength));
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

/** Why an operator's (or a request's) expression cannot be used; undefined when it can. */
export function checkCustomPattern(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `the pattern does not compile (${(error as Error).message})`;
  }
  if (!safeRegex(source)) {
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
  return patternDetector('custom', {
    id: rule,
    label,
    pattern: new RegExp(source, flags),
    maxLength,
    keepPlaceholders: true,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
