import type { Detector, DetectorFamily, Finding } from './detector.ts';
import { shannonEntropy } from './entropy.ts';
import { isPlaceholderValue } from './placeholder-values.ts';

/** Longest text one regex ever runs over: long inputs are scanned slice by slice. */
export const sliceChars = 8_192;

/** Where a candidate sits: the whole match, and the part a redaction replaces. */
export interface Candidate {
  text: string;
  matchStart: number;
  matchEnd: number;
  start: number;
  end: number;
  value: string;
}

/** One row of a detector table. */
export interface PatternSpec {
  /** The id within its family: `openai-api-key` becomes `secrets.openai-api-key`. */
  id: string;
  label: string;
  /**
   * The candidate expression, without flags `g`, `d` or `y`. A `value` group, when present, is
   * the part that is checked and redacted (`password = <value>`). Repetitions are bounded and
   * never nested, so every row passes safe-regex2.
   */
  pattern: RegExp;
  maxLength: number;
  keywords?: readonly string[];
  /** A character this matches may not touch the finding on either side: the token goes on. */
  boundary?: RegExp;
  /** Bits per character the value must reach (random keys do, words and templates do not). */
  minEntropy?: number;
  /** Checksums and context checks; may narrow the span (a card number inside a longer run). */
  validate?: (candidate: Candidate) => boolean | { start: number; end: number };
  /** Values such as `YOUR_API_KEY` are findings too (PII rows: an example address is not PII). */
  keepPlaceholders?: boolean;
  opener?: Detector['opener'];
}

/**
 * A table row as a detector: keyword prefilter outside, then the bounded expression over slices
 * of at most `sliceChars` (plus the row's own length either side), then boundary, placeholder,
 * entropy and validation checks in code.
 */
export function patternDetector(family: DetectorFamily, spec: PatternSpec): Detector {
  const flags = `g${spec.pattern.flags.replace(/[gdy]/g, '')}${hasValueGroup(spec.pattern) ? 'd' : ''}`;
  const pattern = new RegExp(spec.pattern.source, flags);
  const detector: Detector = {
    id: `${family}.${spec.id}`,
    family,
    label: spec.label,
    maxLength: spec.maxLength,
    ...(spec.keywords && { keywords: spec.keywords }),
    ...(spec.opener && { opener: spec.opener }),
    scan(text, from, to) {
      const findings: Finding[] = [];
      for (let position = from; position < to; position += sliceChars) {
        const sliceStart = Math.max(0, position - spec.maxLength);
        const sliceEnd = Math.min(text.length, position + sliceChars + spec.maxLength);
        const until = Math.min(to, position + sliceChars);
        scanSlice(text, sliceStart, sliceEnd, position, until, (candidate) => {
          const checked = check(spec, candidate);
          if (checked === undefined) return false;
          findings.push({ detector, ...checked });
          return true;
        });
      }
      return findings;
    },
  };

  function scanSlice(
    text: string,
    sliceStart: number,
    sliceEnd: number,
    from: number,
    to: number,
    accept: (candidate: Candidate) => boolean,
  ) {
    const slice = text.slice(sliceStart, sliceEnd);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
      const matchStart = sliceStart + match.index;
      const matchEnd = matchStart + match[0].length;
      const span = match.indices?.groups?.value;
      const start = span === undefined ? matchStart : sliceStart + span[0];
      const end = span === undefined ? matchEnd : sliceStart + span[1];
      if (matchStart >= to) break;
      const inRange = start >= from && start < to && end > start;
      const candidate = { text, matchStart, matchEnd, start, end, value: text.slice(start, end) };
      // A rejected candidate may hide a real one that starts inside it.
      if (!inRange || !accept(candidate)) pattern.lastIndex = match.index + 1;
    }
  }
  return detector;
}

function check(spec: PatternSpec, candidate: Candidate) {
  if (!spec.keepPlaceholders && isPlaceholderValue(candidate.value)) return undefined;
  if (spec.minEntropy !== undefined && shannonEntropy(candidate.value) < spec.minEntropy) {
    return undefined;
  }
  const verdict = spec.validate?.(candidate) ?? true;
  if (verdict === false) return undefined;
  const { start, end } = verdict === true ? candidate : verdict;
  // On the final span: a validator may have narrowed a greedy candidate to the real value.
  const { text } = candidate;
  if (spec.boundary !== undefined) {
    if (start > 0 && spec.boundary.test(text.charAt(start - 1))) return undefined;
    if (end < text.length && spec.boundary.test(text.charAt(end))) return undefined;
  }
  return { start, end, value: text.slice(start, end) };
}

function hasValueGroup(pattern: RegExp): boolean {
  return pattern.source.includes('(?<value>');
}
