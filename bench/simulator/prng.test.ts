import { describe, expect, it } from 'vitest';
import { createRandom, exponential, hashUniform, logNormal, normalQuantile } from './prng.ts';

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const draws = Array.from({ length: 100 }, () => first());
    expect(Array.from({ length: 100 }, () => second())).toEqual(draws);
  });

  it('gives a different sequence for another seed', () => {
    const first = createRandom(1);
    const second = createRandom(2);
    expect(Array.from({ length: 5 }, () => first())).not.toEqual(
      Array.from({ length: 5 }, () => second()),
    );
  });

  it('draws uniformly in [0, 1)', () => {
    const random = createRandom(7);
    const draws = Array.from({ length: 20_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 2);
  });
});

describe('hashUniform', () => {
  it('depends only on the seed and the keys, not on the order of calls', () => {
    const before = hashUniform(42, 10, 2, 1, 0);
    hashUniform(42, 11, 2, 1, 0);
    expect(hashUniform(42, 10, 2, 1, 0)).toBe(before);
  });

  it('changes with every key and the seed', () => {
    const base = hashUniform(42, 10, 2, 1, 0);
    for (const other of [
      hashUniform(43, 10, 2, 1, 0),
      hashUniform(42, 11, 2, 1, 0),
      hashUniform(42, 10, 3, 1, 0),
      hashUniform(42, 10, 2, 2, 0),
      hashUniform(42, 10, 2, 1, 1),
    ]) {
      expect(other).not.toBe(base);
    }
  });

  it('stays strictly inside (0, 1) and is spread evenly', () => {
    const draws = Array.from({ length: 10_000 }, (_, index) => hashUniform(1, index));
    expect(Math.min(...draws)).toBeGreaterThan(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((value) => value < 0.1).length / draws.length).toBeCloseTo(0.1, 1);
  });
});

describe('distributions', () => {
  it('inverts the standard normal distribution', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
  });

  it('puts a log-normal median and 95th percentile where asked', () => {
    expect(logNormal(0.5, 800, 1_900)).toBeCloseTo(800, 6);
    expect(logNormal(0.95, 800, 1_900)).toBeCloseTo(1_900, 3);
  });

  it('draws exponential gaps with mean 1 / rate', () => {
    const random = createRandom(3);
    const gaps = Array.from({ length: 20_000 }, () => exponential(random(), 0.01));
    expect(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length).toBeGreaterThan(95);
    expect(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length).toBeLessThan(105);
  });
});
