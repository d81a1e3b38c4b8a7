import { describe, expect, it } from 'vitest';
import { figures } from './__fixtures__/target-figures.ts';
import { checkGoals, compare, growthPercent, type TargetFigures } from './stats.ts';

const run: TargetFigures[] = [
  figures('direct', 1, 2, { json: 10_000, stream: 8_000 }),
  { ...figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8), rssMB: 50 },
  { ...figures('switchyard', 1.8, 7, { json: 2_200, stream: 1_600 }, 2.5), rssMB: 75 },
  { ...figures('switchyard-governed', 1.88, 7, { json: 1_900, stream: 1_300 }, 2.6), rssMB: 80 },
  figures('portkey', 3, 12, { json: 1_000, stream: 700 }, 29),
];

describe('compare', () => {
  const [direct, minimal, switchyard, governed] = compare(run);

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

  it("divides RSS by the minimal proxy's", () => {
    expect(switchyard?.rssVsMinimal).toBe(1.5);
  });

  it('sets the governed target against plain Switchyard of the same run', () => {
    expect(governed?.throughputVsSwitchyard).toEqual({ json: 0.86, stream: 0.81 });
    expect(governed?.addedP50VsSwitchyard.json).toBe(1.1);
    expect(governed?.addedFirstChunkVsSwitchyard).toBe(1.07);
  });

  it('takes added latency over the direct figures measured in the same rounds when present', () => {
    const paired = {
      ...figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8),
      baseline: {
        json: figures('direct', 0.5, 1, { json: 0, stream: 0 }).json?.latency,
        stream: figures('direct', 0.5, 1, { json: 0, stream: 0 }).json?.latency,
        firstChunk: figures('direct', 0.3, 1, { json: 0, stream: 0 }).json?.latency,
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
    expect(alone?.rssVsMinimal).toBeNaN();
  });

  it('leaves a kind that was not measured as NaN', () => {
    const jsonOnly = run.map(({ stream: _, ...rest }) => rest);
    const comparison = compare(jsonOnly).find((each) => each.id === 'switchyard');
    expect(comparison?.throughputVsMinimal).toEqual({ json: 1.1, stream: Number.NaN });
    expect(comparison?.addedFirstChunk).toBeNaN();
  });
});

describe('checkGoals', () => {
  const goals = checkGoals(compare(run), { hitP50: 1.4, upstashGetP50: 1, bundleGzipKiB: 747.31 });
  const goal = (start: string) => goals.find((each) => each.goal.startsWith(start));
  const status = (start: string) => goal(start)?.status;

  it("checks exactly the issue's goals, in its order", () => {
    expect(goals.map((each) => each.goal)).toEqual([
      'throughput stream >= 0.6x minimal proxy',
      'throughput stream >= 2x Portkey',
      'throughput json >= 1.0x minimal proxy',
      "added latency p50 json <= 1.0x minimal proxy's",
      "added latency p99 json <= 1.25x minimal proxy's",
      'time to first chunk p50 within 0.5 ms of minimal proxy',
      "RSS under load <= 1.5x minimal proxy's",
      'cache hit p50 <= 1.5x one Upstash GET p50',
      'with budget + rate limit + guardrails: throughput json >= 0.85x without them',
      'with budget + rate limit + guardrails: throughput stream >= 0.85x without them',
      'with budget + rate limit + guardrails: added latency p50 json <= 1.15x without them',
      'with budget + rate limit + guardrails: first chunk added p50 <= 1.15x without them',
      'Worker bundle <= 768 KiB gzip',
    ]);
  });

  it('passes a goal at its bound and misses one beyond it', () => {
    expect(status('throughput stream >= 0.6x')).toBe('PASS');
    expect(status('throughput stream >= 2x')).toBe('PASS');
    expect(status('throughput json >= 1.0x')).toBe('PASS');
    expect(status('added latency p99 json')).toBe('PASS');
    expect(status('time to first chunk')).toBe('MISS');
    expect(status('RSS under load')).toBe('PASS');
    expect(status('cache hit')).toBe('PASS');
    expect(status('Worker bundle')).toBe('PASS');
  });

  it('misses the throughput, latency, RSS and bundle goals when they are beyond their bounds', () => {
    const slow: TargetFigures[] = [
      ...run.slice(0, 2),
      { ...figures('switchyard', 2.2, 9, { json: 1_900, stream: 1_100 }, 2.5), rssMB: 76 },
      run[4] as TargetFigures,
    ];
    const missed = checkGoals(compare(slow), { bundleGzipKiB: 768.5 });
    const statusOf = (start: string) => missed.find((each) => each.goal.startsWith(start))?.status;
    expect(statusOf('throughput stream >= 0.6x')).toBe('MISS');
    expect(statusOf('throughput stream >= 2x')).toBe('MISS');
    expect(statusOf('throughput json >= 1.0x')).toBe('MISS');
    expect(statusOf('added latency p50 json')).toBe('MISS');
    expect(statusOf('added latency p99 json')).toBe('MISS');
    expect(statusOf('RSS under load')).toBe('MISS');
    expect(statusOf('Worker bundle')).toBe('MISS');
  });

  it('holds the governed target within 15% of plain Switchyard', () => {
    const governed = 'with budget + rate limit + guardrails:';
    expect(status(`${governed} throughput json`)).toBe('PASS');
    expect(status(`${governed} throughput stream`)).toBe('MISS');
    expect(status(`${governed} added latency p50 json`)).toBe('PASS');
    expect(status(`${governed} first chunk`)).toBe('PASS');
    expect(goal(`${governed} throughput stream`)?.measured).toBe('0.81x');
  });

  it('shows what it measured', () => {
    expect(goal('time to first')?.measured).toBe('0.7 ms');
    expect(goal('cache hit')?.measured).toBe('1.4x');
    expect(goal('Worker bundle')?.measured).toBe('747.31 KiB');
  });

  it('marks goals whose figures are missing as n/a instead of failing them', () => {
    const partial = checkGoals(compare(run.slice(0, 2)), {});
    expect(partial.every((each) => each.status === 'n/a')).toBe(true);
  });
});

describe('growthPercent', () => {
  it('is the growth over the baseline in percent', () => {
    expect(growthPercent(100, 108)).toBeCloseTo(8);
    expect(growthPercent(100, 95)).toBeCloseTo(-5);
    expect(growthPercent(0, 10)).toBeNaN();
  });
});
