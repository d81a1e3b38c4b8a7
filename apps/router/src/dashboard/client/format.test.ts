import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatMs, formatPercent } from './format.ts';

describe('dashboard number formats', () => {
  it('shows small spend to three significant digits and larger spend to the cent', () => {
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(0.000123)).toBe('$0.000123');
    expect(formatMoney(0.0512)).toBe('$0.0512');
    expect(formatMoney(12.3456)).toBe('$12.35');
    expect(formatMoney(null)).toBe('—');
  });

  it('shows counts, rates and times', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatMs(87.4)).toBe('87 ms');
    expect(formatMs(1530)).toBe('1.53 s');
    expect(formatMs(null)).toBe('—');
  });
});
