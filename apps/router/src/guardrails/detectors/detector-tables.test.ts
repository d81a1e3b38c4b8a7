import { describe, expect, it } from 'vitest';
import { piiRows } from './pii-detectors.ts';
import { maxMatchLength } from './regex-max-length.ts';
import { secretRows } from './secret-detectors.ts';

describe('the detector tables', () => {
  it.each([...secretRows, ...piiRows].map((row) => [row.id, row] as const))(
    '%s declares a maxLength no shorter than its expression can match',
    (_, row) => {
      // Streams hold back maxLength characters: a longer match could be sent in part.
      expect(row.maxLength).toBeGreaterThanOrEqual(
        maxMatchLength(row.pattern.source, row.pattern.unicode),
      );
    },
  );

  it('gives every row a unique id', () => {
    const ids = [...secretRows, ...piiRows].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
