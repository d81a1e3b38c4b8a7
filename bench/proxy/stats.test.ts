import { describe, expect, it } from 'vitest';
import { figures } from './__fixtures__/target-figures.ts';
import { checkGoals, compare, growthPercent, type TargetFigures } from './stats.ts';

const run = [
  figures('direct', 1, 2, { json: 10_000, stream: 8_000 }),
  figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8),
  figures('switchyard', 1.8, 7, { json: 2_200, stream: 1_600 }, 2.5),
  figures('portkey', 3, 12, { json: 1_000, stream: 700 }, 29),
];

describe('compare', () => {
  const [direct, minimal, switchyard] = compare(run);

  it('reports added latency as the difference to direct', () => {
    expect(direct?.addedP50).toEqual({ json: 0, stream: 0 });
    expect(switchyard?.addedP50.json).toBeCloseTo(0.8);
    expect(switchyard?.addedP99.json).toBe(5);
  });

  it("divides added latency by the minimal proxy's and throughput by each reference", () => {
    expect(minimal?.addedP50VsMinimal.json).toBe(1);
    expect(switchyard?.addedP50VsMinimal.json).toBe(0.8);
    expect(switchyard?.addedP99VsMinimal.json).toBe(1.25);
    expect(switchyard?.throughputVsMinimal).toEqual({ json: 1.1, stream: 0.8 });
    expect(switchyard?.throughputVsPortkey).toEqual({ json: 2.2, stream: 2.29 });
  });

  it('gives the time to first chunk as a difference in ms', () => {
    expect(switchyard?.firstChunkVsMinimalMs).toBe(0.7);
    expect(switchyard?.firstChunkVsPortkeyMs).toBe(-26.5);
  });

  it('takes added latency over the direct figures measured in the same rounds when present', () => {
    const paired = {
      ...figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8),
      baseline: {
        json: figures('direct', 0.5, 1, { json: 0, stream: 0 }).json.latency,
        stream: figures('direct', 0.5, 1, { json: 0, stream: 0 }).json.latency,
        firstChunk: figures('direct', 0.3, 1, { json: 0, stream: 0 }).json.latency,
      },
    };
    const [, comparison] = compare([run[0] as TargetFigures, paired]);
    expect(comparison?.addedP50).toEqual({ json: 1.5, stream: 1.5 });
    expect(comparison?.addedFirstChunk).toBe(1.5);
  });

  it('leaves ratios to a reference that was not measured as NaN', () => {
    const [alone] = compare([figures('switchyard', 1, 2, { json: 1, stream: 1 })]);
    expect(alone?.throughputVsPortkey.json).toBeNaN();
    expect(alone?.addedP50.json).toBeNaN();
  });
});

describe('checkGoals', () => {
  const goals = checkGoals(compare(run), { hitP50: 1.4, upstashGetP50: 1 });
  const status = (start: string) => goals.find((goal) => goal.goal.startsWith(start))?.status;

  it('passes a goal at its bound and misses one beyond it', () => {
    expect(status('throughput json >= 1.0x')).toBe('PASS');
    expect(status('throughput stream >= 1.0x')).toBe('MISS');
    expect(status('throughput stream >= 2x')).toBe('PASS');
    expect(status('added latency p99 json')).toBe('PASS');
    expect(status('time to first chunk')).toBe('MISS');
    expect(status('cache hit')).toBe('PASS');
  });

  it('shows what it measured', () => {
    expect(goals.find((goal) => goal.goal.startsWith('time to first'))?.measured).toBe('0.7 ms');
    expect(goals.find((goal) => goal.goal.startsWith('cache hit'))?.measured).toBe('1.4x');
  });

  it('marks goals whose figures are missing as n/a instead of failing them', () => {
    const partial = checkGoals(compare(run.slice(0, 2)), {});
    expect(partial.every((goal) => goal.status === 'n/a')).toBe(true);
  });
});

describe('growthPercent', () => {
  it('is the growth over the baseline in percent', () => {
    expect(growthPercent(100, 108)).toBeCloseTo(8);
    expect(growthPercent(100, 95)).toBeCloseTo(-5);
    expect(growthPercent(0, 10)).toBeNaN();
  });
});
