import { dayMs, type Granularity, granularityMs, hourMs, minuteMs } from './store-keys.ts';

/** Most points one answer has, and rollup buckets one answer reads. */
export const maxPoints = 1_500;
export const maxBuckets = 3_000;

/** A stats range, aligned to its step, and the rollups that answer it. */
export interface StatsPlan {
  from: number;
  to: number;
  stepMs: number;
  granularity: Granularity;
  /** The rollup buckets read, oldest first. */
  buckets: number[];
}

export type PlanResult =
  | { status: 'ok'; plan: StatsPlan }
  | { status: 'invalid'; message: string; param: string };

/**
 * Aligns `from` and `to` to the step and picks the coarsest rollup the step is a whole number
 * of (days, hours, minutes), within what each keeps: minutes two days, hours `hourRetentionMs`,
 * days 400 days. Hour rollups fold the keys, so a query `byKey` (grouped or filtered by key) with
 * an hourly step reads minutes instead, within their two days.
 *
 * @example planStats({ from, to, stepMs: 86_400_000 }, { now, hourRetentionMs }) // day rollups
 */
export function planStats(
  range: { from: number; to: number; stepMs: number; byKey?: boolean },
  limits: { now: number; hourRetentionMs: number },
): PlanResult {
  const { stepMs } = range;
  if (!Number.isSafeInteger(stepMs) || stepMs < minuteMs || stepMs % minuteMs !== 0) {
    return invalid('step: a whole number of minutes, hours or days (`5m`, `1h`, `1d`).', 'step');
  }
  let granularity: Granularity =
    stepMs % dayMs === 0 ? 'day' : stepMs % hourMs === 0 ? 'hour' : 'minute';
  if (granularity === 'hour' && range.byKey === true) granularity = 'minute';
  const from = Math.floor(range.from / stepMs) * stepMs;
  const to = Math.ceil(range.to / stepMs) * stepMs;
  if (to <= from) return invalid('from: must be before to.', 'from');
  if ((to - from) / stepMs > maxPoints) {
    return invalid(`step: too small for this range (at most ${maxPoints} points).`, 'step');
  }
  const kept = { minute: 2 * dayMs, hour: limits.hourRetentionMs, day: 400 * dayMs }[granularity];
  if (from < limits.now - kept - stepMs) {
    const hint =
      granularity === 'day'
        ? 'keeps 400 days'
        : range.byKey === true && stepMs % hourMs === 0
          ? 'per-key figures over more than two days come in daily steps'
          : 'keeps less: use a larger step';
    return invalid(`from: before what a ${granularity} rollup keeps (${hint}).`, 'from');
  }
  const size = granularityMs[granularity];
  if ((to - from) / size > maxBuckets) {
    return invalid('step: too small for this range; use hours or days.', 'step');
  }
  const first = Math.floor(from / size);
  const buckets = Array.from({ length: (to - from) / size }, (_, index) => first + index);
  return { status: 'ok', plan: { from, to, stepMs, granularity, buckets } };
}

/**
 * A step as the API writes it, in ms; undefined when it is not `<n>m`, `<n>h` or `<n>d`.
 * @example parseStep('15m') // 900000
 */
export function parseStep(step: string): number | undefined {
  const match = /^(\d{1,4})(m|h|d)$/.exec(step);
  if (match === null) return undefined;
  const unit = { m: minuteMs, h: hourMs, d: dayMs }[match[2] as 'm' | 'h' | 'd'];
  const count = Number(match[1]);
  return count > 0 ? count * unit : undefined;
}

/**
 * The step a range gets when none is asked: minutes up to two hours, hours up to two days, days beyond.
 * @example defaultStep(86_400_000) // 3600000
 */
export function defaultStep(rangeMs: number): number {
  if (rangeMs <= 2 * hourMs) return minuteMs;
  if (rangeMs <= 2 * dayMs) return hourMs;
  return dayMs;
}

const invalid = (message: string, param: string): PlanResult => ({
  status: 'invalid',
  message,
  param,
});
