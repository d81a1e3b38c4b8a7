import type { Detector } from './detector.ts';
import { defaultInjectionThreshold, injectionDetector } from './injection-detector.ts';
import { piiDetectors } from './pii-detectors.ts';
import { secretDetectors } from './secret-detectors.ts';

const defaultInjection = injectionDetector();

const builtIn = new Map<string, Detector>(
  [...secretDetectors, ...piiDetectors].map((detector) => [detector.id, detector]),
);

/** Every name a rule may list under `detectors`: a family, or one detector of it. */
export const detectorNames: readonly string[] = ['secrets', 'pii', 'injection', ...builtIn.keys()];

/**
 * The detectors a rule's `detectors` entry names: `secrets`, `pii`, `injection`, or one id such
 * as `pii.email`; undefined for a name that is none of these.
 * @example detectorsNamed('pii')?.length // 7
 */
export function detectorsNamed(name: string, threshold?: number): readonly Detector[] | undefined {
  if (name === 'secrets') return secretDetectors;
  if (name === 'pii') return piiDetectors;
  if (name === 'injection' || name === 'injection.heuristic') {
    const custom = threshold !== undefined && threshold !== defaultInjectionThreshold;
    return [custom ? injectionDetector(threshold) : defaultInjection];
  }
  const detector = builtIn.get(name);
  return detector && [detector];
}
