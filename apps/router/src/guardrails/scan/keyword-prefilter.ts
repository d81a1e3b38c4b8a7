import type { Detector } from '../detectors/detector.ts';

/** Which detectors may match a text, decided by one pass over it for all their keywords. */
export type Prefilter = (lowerText: string) => ReadonlySet<Detector>;

const escapeLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * One expression for every keyword of the detectors (instead of an `includes` per keyword):
 * it is tried at every position, longest keyword first, so a keyword inside a longer one that
 * matched (`sk-` in `sk-proj-`) still counts. Detectors without keywords always pass.
 * @example createPrefilter(detectors)(text.toLowerCase()).has(detector)
 */
export function createPrefilter(detectors: readonly Detector[]): Prefilter {
  const keywords = [...new Set(detectors.flatMap((detector) => detector.keywords ?? []))];
  const always = detectors.filter((detector) => detector.keywords === undefined);
  if (keywords.length === 0) return () => new Set(detectors);
  const pattern = new RegExp(
    keywords
      .sort((left, right) => right.length - left.length)
      .map(escapeLiteral)
      .join('|'),
    'g',
  );
  return (lowerText) => {
    const found = new Set<string>();
    pattern.lastIndex = 0;
    for (let match = pattern.exec(lowerText); match !== null; match = pattern.exec(lowerText)) {
      found.add(match[0]);
      pattern.lastIndex = match.index + 1;
    }
    const present = (keyword: string) => {
      if (found.has(keyword)) return true;
      for (const longer of found) if (longer.includes(keyword)) return true;
      return false;
    };
    const passing = new Set<Detector>(always);
    for (const detector of detectors) {
      if (detector.keywords?.some(present)) passing.add(detector);
    }
    return passing;
  };
}
