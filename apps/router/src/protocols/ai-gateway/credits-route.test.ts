import { describe, expect, it } from 'vitest';
import { creditsBody } from './credits-route.ts';

describe('creditsBody', () => {
  it("answers the budget left and the spend as @ai-sdk/gateway's decimal strings", () => {
    expect(creditsBody({ totalCredits: 20, totalUsage: 4.1 })).toEqual({
      balance: '15.9',
      total_used: '4.1',
    });
  });

  it('never answers a negative balance when spend ran past the budget', () => {
    expect(creditsBody({ totalCredits: 1, totalUsage: 1.000002 }).balance).toBe('0');
  });

  it('answers Infinity for a key without a budget, which Number() reads back', () => {
    const { balance } = creditsBody({ totalCredits: null, totalUsage: 0.000028 });
    expect(Number(balance)).toBe(Number.POSITIVE_INFINITY);
  });
});
