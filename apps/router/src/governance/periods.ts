/**
 * UTC calendar periods. A budget's period is part of its counter's name (`store-keys.ts`), so
 * a new day, week or month starts from zero without a reset job; old counters expire a while
 * after their period ends.
 */

/** How often a budget starts again; `all` never does. */
export type PeriodKind = 'all' | 'daily' | 'weekly' | 'monthly';

/** The id of each period containing one instant, as used in counter names. */
export interface Periods {
  all: 'all';
  /** `d2026-12-06` */
  daily: string;
  /** `w2026-11-30`: the Monday the ISO week starts. */
  weekly: string;
  /** `m2026-12` */
  monthly: string;
}

const dayMs = 86_400_000;

/** How long a periodic counter outlives its period, so usage of the last one stays readable. */
export const periodRetentionMs = 7 * dayMs;

/**
 * The periods containing `now` (epoch ms).
 *
 * @example
 * periodsAt(Date.UTC(2026, 11, 6, 15));
 * // { all: 'all', daily: 'd2026-12-06', weekly: 'w2026-11-30', monthly: 'm2026-12' }
 */
export function periodsAt(now: number): Periods {
  const day = startOfDay(now);
  if (lastDay?.day === day) return lastDay.periods;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const periods: Periods = Object.freeze({
    all: 'all',
    daily: `d${isoDate(day)}`,
    weekly: `w${isoDate(day - weekday * dayMs)}`,
    monthly: `m${isoDate(day).slice(0, 7)}`,
  });
  lastDay = { day, periods };
  return periods;
}

/** Every request of a day asks for the same periods: they are worked out once a day. */
let lastDay: { day: number; periods: Periods } | undefined;

/**
 * The period a budget with `limitReset` counts in at `now` (`all` when it never resets).
 *
 * @example
 * periodFor('monthly', Date.UTC(2026, 11, 6)); // 'm2026-12'
 */
export function periodFor(limitReset: PeriodKind | undefined, now: number): string {
  return periodsAt(now)[limitReset ?? 'all'];
}

/**
 * When the period named `period` ends (epoch ms, exclusive), or undefined for `all` and for a
 * name that is not a period.
 *
 * @example
 * periodEnd('w2026-11-30'); // Date.UTC(2026, 11, 7)
 */
export function periodEnd(period: string): number | undefined {
  const match = /^([dwm])(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(period);
  if (!match) return undefined;
  const [, kind, year, month, day] = match;
  const start = Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1));
  if (kind === 'd' && day) return start + dayMs;
  if (kind === 'w' && day) return start + 7 * dayMs;
  if (kind === 'm' && !day) return Date.UTC(Number(year), Number(month), 1);
  return undefined;
}

/**
 * How long from `now` a counter of `period` should live: until the period ends plus
 * `periodRetentionMs`; undefined (no expiry) for `all`.
 *
 * @example
 * counterTtlMs('d2026-12-06', Date.UTC(2026, 11, 6, 23)); // 1 hour + 7 days
 */
export function counterTtlMs(period: string, now: number): number | undefined {
  const end = periodEnd(period);
  return end === undefined ? undefined : Math.max(1, end + periodRetentionMs - now);
}

const startOfDay = (now: number): number => Math.floor(now / dayMs) * dayMs;
const isoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);
