import type { PolicySummary } from './stats.ts';

/** The targets for Switchyard, relative to the oracle. */
export const goalThresholds = { successWhileHealthy: 0.999, p95Ratio: 1.1, costRatio: 1.05 };

export interface GoalResult {
  goal: string;
  pass: boolean;
  /** The measured figure, for the report. */
  value: string;
}

export const p95Ratio = (summary: PolicySummary, oracle: PolicySummary) =>
  summary.p95LatencyMs / oracle.p95LatencyMs;
export const costRatio = (summary: PolicySummary, oracle: PolicySummary) =>
  summary.costPer1kUsd / oracle.costPer1kUsd;

/**
 * Distance from the oracle in one number, so policies can be ranked: the excess p95 ratio plus
 * the excess cost ratio plus 100 times the failure share while a target was healthy (a 0.1%
 * failure rate weighs as much as a p95 10% over the oracle's). 0 = as good as the oracle.
 */
export function regret(summary: PolicySummary, oracle: PolicySummary): number {
  const failures = 1 - summary.successWhileHealthy;
  return (
    Math.max(0, p95Ratio(summary, oracle) - 1) +
    Math.max(0, costRatio(summary, oracle) - 1) +
    100 * Math.max(0, failures)
  );
}

/** The goals for one policy in one scenario; a baseline is beaten when its regret is higher. */
export function checkGoals(
  subject: PolicySummary,
  oracle: PolicySummary,
  baselines: { name: string; summary: PolicySummary }[],
): GoalResult[] {
  const own = regret(subject, oracle);
  return [
    {
      goal: 'success >= 99.9% while any target is healthy',
      pass: subject.successWhileHealthy >= goalThresholds.successWhileHealthy,
      value: `${(subject.successWhileHealthy * 100).toFixed(3)}%`,
    },
    {
      goal: 'p95 latency <= 1.1x oracle',
      pass: p95Ratio(subject, oracle) <= goalThresholds.p95Ratio,
      value: `${p95Ratio(subject, oracle).toFixed(3)}x`,
    },
    {
      goal: 'cost <= 1.05x oracle',
      pass: costRatio(subject, oracle) <= goalThresholds.costRatio,
      value: `${costRatio(subject, oracle).toFixed(3)}x`,
    },
    ...baselines.map(({ name, summary }) => {
      const theirs = regret(summary, oracle);
      return {
        goal: `better than ${name} (lower regret)`,
        pass: own < theirs,
        value: `${own.toFixed(3)} vs ${theirs.toFixed(3)}`,
      };
    }),
  ];
}
