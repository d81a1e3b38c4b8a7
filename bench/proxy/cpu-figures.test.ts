import { describe, expect, it } from 'vitest';
import { cpuFigures } from './cpu-figures.ts';

describe('cpuFigures', () => {
  const json = { cpuMs: 1_000, requests: 10_000, seconds: 2 };
  const stream = { cpuMs: 1_800, requests: 6_000, seconds: 2 };

  it('gives CPU per request of each kind and how busy the core was', () => {
    const figures = cpuFigures({ json, stream });
    expect(figures.jsonUsPerRequest).toBe(100);
    expect(figures.streamUsPerRequest).toBe(300);
    expect(figures.busyPercent).toEqual({ json: 50, stream: 90 });
  });

  it('divides stream CPU by the 20 chunks of an answer, and the difference to JSON for the marginal cost', () => {
    const figures = cpuFigures({ json, stream });
    expect(figures.streamUsPerChunk).toBe(15);
    expect(figures.marginalUsPerChunk).toBe(10);
  });

  it('leaves what needs a kind not measured as NaN', () => {
    const figures = cpuFigures({ stream });
    expect(figures.streamUsPerChunk).toBe(15);
    expect(figures.jsonUsPerRequest).toBeNaN();
    expect(figures.marginalUsPerChunk).toBeNaN();
  });
});
