import { describe, expect, it } from 'vitest';
import { perTokenPrice } from './per-token-price.ts';

describe('perTokenPrice', () => {
  it.each([
    [2.5, '0.0000025'],
    [0.3, '0.0000003'],
    [15, '0.000015'],
    [0.075, '0.000000075'],
    [0, '0'],
    [1_000_000, '1'],
  ])('writes $%s per million tokens as "%s" per token', (perMillion, expected) => {
    expect(perTokenPrice(perMillion)).toBe(expected);
  });
});
