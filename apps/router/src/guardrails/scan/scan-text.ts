import { type Detector, type Finding, passesPrefilter } from '../detectors/detector.ts';
import type { Prefilter } from './keyword-prefilter.ts';

/**
 * Runs each detector once over `text`, keeping findings that start in `[from, to)`; detectors
 * whose keywords do not occur are skipped without running an expression (decided by `prefilter`
 * in one pass when given, else keyword by keyword).
 * @example scanText('mail me at ada@lovelace.dev', piiDetectors)
 */
export function scanText(
  text: string,
  detectors: Iterable<Detector>,
  from = 0,
  to = text.length,
  prefilter?: Prefilter,
): Finding[] {
  if (from >= to) return [];
  let lower: string | undefined;
  const passing = prefilter?.(text.toLowerCase());
  const findings: Finding[] = [];
  for (const detector of detectors) {
    if (passing !== undefined) {
      if (!passing.has(detector)) continue;
    } else if (detector.keywords !== undefined) {
      lower ??= text.toLowerCase();
      if (!passesPrefilter(detector, lower)) continue;
    }
    for (const finding of detector.scan(text, from, to)) findings.push(finding);
  }
  return findings;
}
