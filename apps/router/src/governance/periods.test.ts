import { describe, expect, it } from 'vitest';
import { counterTtlMs, periodEnd, periodFor, periodRetentionMs, periodsAt } from './periods.ts';

describe('periodsAt', () => {
  it('names the UTC day, the ISO week by its Monday, and the month', () => {
    expect(periodsAt(Date.UTC(2026, 11, 6, 15, 30))).toEqual({
      all: 'all',
      daily: 'd2026-12-06',
      weekly: 'w2026-11-30',
      monthly: 'm2026-12',
    });
  });

  it('starts a week on Monday and keeps Sunday in the week before', () => {
    expect(periodsAt(Date.UTC(2026, 10, 30)).weekly).toBe('w2026-11-30');
    expect(periodsAt(Date.UTC(2026, 10, 29, 23, 59, 59, 999)).weekly).toBe('w2026-11-23');
  });

  it('lets a week span two months and two years', () => {
    expect(periodsAt(Date.UTC(2027, 0, 2))).toEqual({
      all: 'all',
      daily: 'd2027-01-02',
      weekly: 'w2026-12-28',
      monthly: 'm2027-01',
    });
  });

  it('uses UTC, not the local clock, at the edge of a day', () => {
    expect(periodsAt(Date.UTC(2026, 11, 6, 23, 59, 59, 999)).daily).toBe('d2026-12-06');
    expect(periodsAt(Date.UTC(2026, 11, 7)).daily).toBe('d2026-12-07');
  });
});

describe('periodFor', () => {
  it('picks the period of a budget reset, and all when it never resets', () => {
    const now = Date.UTC(2026, 11, 6);
    expect(periodFor('daily', now)).toBe('d2026-12-06');
    expect(periodFor('weekly', now)).toBe('w2026-11-30');
    expect(periodFor('monthly', now)).toBe('m2026-12');
    expect(periodFor(undefined, now)).toBe('all');
  });
});

describe('periodEnd', () => {
  it('ends a day at the next midnight, a week seven days after its Monday, a month on the 1st', () => {
    expect(periodEnd('d2026-12-06')).toBe(Date.UTC(2026, 11, 7));
    expect(periodEnd('w2026-11-30')).toBe(Date.UTC(2026, 11, 7));
    expect(periodEnd('m2026-12')).toBe(Date.UTC(2027, 0, 1));
    expect(periodEnd('m2027-02')).toBe(Date.UTC(2027, 2, 1));
  });

  it('has no end for all or for a name that is not a period', () => {
    expect(periodEnd('all')).toBeUndefined();
    expect(periodEnd('d2026-12')).toBeUndefined();
    expect(periodEnd('m2026-12-01')).toBeUndefined();
    expect(periodEnd('x2026-12-01')).toBeUndefined();
  });

  it('ends each period of an instant after that instant', () => {
    const now = Date.UTC(2026, 1, 28, 12);
    for (const period of Object.values(periodsAt(now)).filter((name) => name !== 'all')) {
      expect(periodEnd(period)).toBeGreaterThan(now);
    }
  });
});

describe('counterTtlMs', () => {
  it('keeps a counter until its period ends plus the retention', () => {
    const now = Date.UTC(2026, 11, 6, 23);
    expect(counterTtlMs('d2026-12-06', now)).toBe(3_600_000 + periodRetentionMs);
  });

  it('never expires the all-time counter', () => {
    expect(counterTtlMs('all', Date.UTC(2026, 11, 6))).toBeUndefined();
  });
});
