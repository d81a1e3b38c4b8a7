import type { Detector } from '../detectors/detector.ts';
import type { RuleSet } from '../policy/rule-set.ts';
import { redact } from './apply-rules.ts';
import type { PlaceholderMap } from './placeholder-map.ts';
import { findHits, type RuleHit, redactionsOf } from './rule-hits.ts';

/** New characters beyond the window before the text is scanned again (fewer rescans). */
const emitEvery = 32;

/**
 * Redaction of one streamed text (one `text` or `reasoning` block) through a sliding window:
 * all but the last `rules.window` characters are final and sent, redacted; the tail is held, so
 * a match is only sent once all of it arrived, whatever the chunk boundaries. Long matches
 * (PEM keys, JWTs) are held from their opener until their closer.
 * @example
 * const window = createTextWindow(outputRules, placeholders);
 * send(window.push(delta).text); // ... then, at the end of the block:
 * send(window.end().text);
 */
export interface TextWindow {
  /** Appends a delta; returns the text that became final (possibly '') and its hits. */
  push(delta: string): { text: string; hits: RuleHit[] };
  /** Everything still held, redacted, and its hits. */
  end(): { text: string; hits: RuleHit[] };
}

export function createTextWindow(rules: RuleSet, placeholders: PlaceholderMap): TextWindow {
  /** The text from `base` on: what is held, and sent text the checks read as context. */
  let raw = '';
  let base = 0;
  let emitted = 0;

  const advance = (final: boolean) => {
    const pending = emitted - base;
    const limit = final ? raw.length : raw.length - rules.window;
    if (!final && limit - pending < emitEvery) return { text: '', hits: [] };
    const hits = findHits(raw, rules, pending);
    const redactions = redactionsOf(hits);
    let cut = limit;
    if (!final) {
      for (const span of redactions) if (span.start < cut && span.end > cut) cut = span.start;
      for (const detector of rules.openers)
        cut = Math.min(cut, unclosedOpener(detector, raw, pending, cut));
    }
    const text = redact(
      raw,
      redactions.filter((span) => span.end <= cut),
      placeholders,
      pending,
      cut,
    );
    emitted = base + cut;
    const keep = Math.max(0, cut - Math.max(rules.window, rules.context));
    raw = raw.slice(keep);
    base += keep;
    return { text, hits: hits.filter((hit) => hit.finding.start < cut) };
  };

  return {
    push(delta) {
      raw += delta;
      return advance(false);
    },
    end: () => advance(true),
  };
}

/**
 * Where the first opener in `[from, cut)` that is still open starts (its closer not yet sent,
 * and not yet a whole `maxLength` ago), or `cut` when there is none.
 */
function unclosedOpener(detector: Detector, text: string, from: number, cut: number): number {
  const opener = detector.opener;
  if (opener === undefined) return cut;
  opener.pattern.lastIndex = from;
  for (let match = opener.pattern.exec(text); match !== null; match = opener.pattern.exec(text)) {
    const start = match.index;
    if (start >= cut) break;
    opener.closer.lastIndex = start + match[0].length;
    const closed = opener.closer.exec(text) !== null;
    if (!closed && text.length - start <= detector.maxLength) return start;
    if (match[0].length === 0) opener.pattern.lastIndex += 1;
  }
  return cut;
}
