/** The detector families; `custom` are the rules an operator or a request writes. */
export type DetectorFamily = 'secrets' | 'pii' | 'injection' | 'custom';

/** One match of a detector, by position in the scanned text; `value` never leaves the router. */
export interface Finding {
  detector: Detector;
  start: number;
  end: number;
  value: string;
}

/**
 * Something that finds sensitive spans in text. `scan` only reports findings that start in
 * `[from, to)`; it may read the text before `from` as context and after `to` to finish a match.
 */
export interface Detector {
  /** `secrets.openai-api-key`, `pii.email`, `custom.<rule>`. */
  id: string;
  family: DetectorFamily;
  /** The placeholder label a redaction uses: `EMAIL` gives `[EMAIL_1]`. */
  label: string;
  /** The longest text one match can span: a stream holds back this much. */
  maxLength: number;
  /** Characters before a match its checks read: a stream keeps this much sent text as context. */
  lookback: number;
  /**
   * What opens and what closes a long match (a PEM header and its END line, a JWT's `eyJ` and the
   * first character no token has): a stream holds text from an unclosed opener until the match
   * is decided, instead of holding `maxLength` characters all the time. Both are global.
   */
  opener?: { pattern: RegExp; closer: RegExp };
  /** Lower-case literals of which one must occur for the detector to run at all. */
  keywords?: readonly string[];
  scan(text: string, from: number, to: number): Finding[];
}

/** True when `text` (lower-cased once by the caller) contains one of the detector's keywords. */
export function passesPrefilter(detector: Detector, lowerText: string): boolean {
  return (
    detector.keywords === undefined ||
    detector.keywords.some((keyword) => lowerText.includes(keyword))
  );
}
