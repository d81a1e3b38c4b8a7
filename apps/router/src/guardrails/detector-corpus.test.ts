import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from './__fixtures__/corpus-evaluation.ts';

/** The labelled corpus (`__fixtures__/corpus`, see bench/guardrails) against the targets. */
describe('the detectors on the labelled corpus', () => {
  const report = evaluateCorpus();

  it('holds at least 300 secrets (some cut by stream chunks), 300 PII values and 3,000 negatives', () => {
    expect(report.corpus.secrets.length).toBeGreaterThanOrEqual(300);
    expect(report.corpus.secrets.every((entry) => (entry.chunks?.length ?? 0) > 1)).toBe(true);
    expect(report.corpus.pii.length).toBeGreaterThanOrEqual(300);
    expect(report.corpus.negatives.length).toBeGreaterThanOrEqual(3_000);
  });

  it('finds secrets with precision >= 0.98 and recall >= 0.90', () => {
    expect(report.secrets.family.precision).toBeGreaterThanOrEqual(0.98);
    expect(report.secrets.family.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds PII with precision >= 0.95', () => {
    expect(report.pii.family.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 0.5% of benign texts', () => {
    expect(report.benign.rate).toBeLessThanOrEqual(0.005);
  });
});
