import { describe, expect, it } from 'vitest';
import { median, parseUploadSize, startupOfProfile } from './worker-bundle.ts';

describe('parseUploadSize', () => {
  it("reads the sizes of wrangler deploy's summary", () => {
    const output =
      ' ⛅️ wrangler 4.164.0\nTotal Upload: 3058.36 KiB / gzip: 747.31 KiB\nNo bindings found.\n';
    expect(parseUploadSize(output)).toEqual({ uploadKiB: 3058.36, gzipKiB: 747.31 });
  });

  it('is undefined when wrangler printed no sizes', () => {
    expect(parseUploadSize('✘ [ERROR] Build failed')).toBeUndefined();
  });
});

describe('startupOfProfile', () => {
  it('counts the time of every sample but idle ones, and the whole span', () => {
    const frame = (functionName: string) => ({ functionName });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('parse') },
        { id: 4, callFrame: frame('(garbage collector)') },
      ],
      startTime: 1_000_000,
      endTime: 1_100_000,
      samples: [2, 3, 3, 4, 2],
      timeDeltas: [60_000, 10_000, 12_000, 3_000, 15_000],
    };
    expect(startupOfProfile(profile)).toEqual({ profileMs: 100, activeMs: 25 });
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
