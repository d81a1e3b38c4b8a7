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
  /** The longest match. */
  maxLength: number;
  /** Characters before a match its checks read (a phone word, a service's name). */
  lookback?: number;
  /**
   * A literal every match contains, found faster than the expression can be tried everywhere:
   * the expression runs only from the earliest start `before` allows, `maxBefore` back.
   */
  anchor?: { text: string; before: RegExp; maxBefore: number };
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
 * of at most `sliceChars` (plus the row's reach either side) — or, for a row with an `anchor`,
 * only around each occurrence of it — then boundary, placeholder, entropy and validation checks.
 * @example patternDetector('secrets', { id: 'npm-token', label: 'NPM_TOKEN', pattern: /npm_[A-Za-z0-9]{36}/, maxLength: 40 })
 */
export function patternDetector(family: DetectorFamily, spec: PatternSpec): Detector {
  const flags = `${spec.pattern.flags.replace(/[gdy]/g, '')}${hasValueGroup(spec.pattern) ? 'd' : ''}`;
  const pattern = new RegExp(spec.pattern.source, `g${flags}`);
  const sticky = new RegExp(spec.pattern.source, `y${flags}`);
  const lookback = spec.lookback ?? 0;
  const reach = spec.maxLength + lookback;
  const detector: Detector = {
    id: `${family}.${spec.id}`,
    family,
    label: spec.label,
    maxLength: spec.maxLength,
    lookback,
    ...(spec.keywords && { keywords: spec.keywords }),
    ...(spec.opener && { opener: spec.opener }),
    scan(text, from, to) {
      const findings: Finding[] = [];
      const accept = (candidate: Candidate) => {
        const checked = check(spec, candidate);
        if (checked !== undefined) findings.push({ detector, ...checked });
        return checked !== undefined;
      };
      if (spec.anchor !== undefined) {
        scanAnchors(text, from, to, spec.anchor, accept);
        return findings;
      }
      for (let position = from; position < to; position += sliceChars) {
        const sliceStart = Math.max(0, position - reach);
        const sliceEnd = Math.min(text.length, position + sliceChars + reach);
        scanSlice(
          text,
          sliceStart,
          sliceEnd,
          position,
          Math.min(to, position + sliceChars),
          accept,
        );
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
      if (matchStart >= to) break;
      const candidate = candidateOf(text, match, sliceStart, from, to);
      // A rejected candidate may hide a real one that starts inside it.
      if (candidate === undefined || !accept(candidate)) pattern.lastIndex = match.index + 1;
    }
  }

  /** Runs the expression only where the anchor is, from the earliest start it allows. */
  function scanAnchors(
    text: string,
    from: number,
    to: number,
    anchor: NonNullable<PatternSpec['anchor']>,
    accept: (candidate: Candidate) => boolean,
  ) {
    let covered = 0;
    for (
      let at = text.indexOf(anchor.text, Math.max(0, from - spec.maxLength));
      at !== -1 && at < to + spec.maxLength;
      at = text.indexOf(anchor.text, at + 1)
    ) {
      if (at < covered) continue;
      let first = at;
      while (
        first > at - anchor.maxBefore &&
        first > 0 &&
        anchor.before.test(text.charAt(first - 1))
      ) {
        first -= 1;
      }
      for (let start = Math.max(first, covered); start <= at; start += 1) {
        if (start > 0 && spec.boundary?.test(text.charAt(start - 1))) continue;
        const slice = text.slice(start, start + spec.maxLength);
        sticky.lastIndex = 0;
        const match = sticky.exec(slice);
        if (match === null) continue;
        const candidate = candidateOf(text, match, start, from, to);
        if (candidate !== undefined && accept(candidate)) {
          covered = candidate.matchEnd;
          break;
        }
      }
    }
  }
  return detector;
}

/** The candidate a match makes, if its reported span starts in `[from, to)`. */
function candidateOf(
  text: string,
  match: RegExpExecArray,
  offset: number,
  from: number,
  to: number,
): Candidate | undefined {
  const matchStart = offset + match.index;
  const matchEnd = matchStart + match[0].length;
  const span = match.indices?.groups?.value;
  const start = span === undefined ? matchStart : offset + span[0];
  const end = span === undefined ? matchEnd : offset + span[1];
  if (start < from || start >= to || end <= start) return undefined;
  return { text, matchStart, matchEnd, start, end, value: text.slice(start, end) };
}

function check(spec: PatternSpec, candidate: Candidate) {
  const { text } = candidate;
  // Validators only ever narrow a span's end, so its start can be checked first, cheaply.
  if (spec.boundary?.test(text.charAt(candidate.start - 1)) && candidate.start > 0)
    return undefined;
  if (!spec.keepPlaceholders && isPlaceholderValue(candidate.value)) return undefined;
  if (spec.minEntropy !== undefined && shannonEntropy(candidate.value) < spec.minEntropy) {
    return undefined;
  }
  const verdict = spec.validate?.(candidate) ?? true;
  if (verdict === false) return undefined;
  const { start, end } = verdict === true ? candidate : verdict;
  // On the final span: a validator may have narrowed a greedy candidate to the real value.
  if (end < text.length && spec.boundary?.test(text.charAt(end))) return undefined;
  return { start, end, value: text.slice(start, end) };
}

function hasValueGroup(pattern: RegExp): boolean {
  return pattern.source.includes('(?<value>');
}
