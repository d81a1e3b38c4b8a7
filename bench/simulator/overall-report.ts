import { costRatio, goalThresholds, p95Ratio, regret } from './goals.ts';
import type { ScenarioReport } from './report.ts';

export interface OverallRow {
  policy: string;
  worstSuccessWhileHealthy: number;
  meanP95Ratio: number;
  worstP95Ratio: number;
  meanCostRatio: number;
  worstCostRatio: number;
  meanRegret: number;
  /** Scenario goals passed, for the policies the goals are checked for. */
  goalsPassed?: { passed: number; total: number };
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Per policy across all scenarios. */
export function overall(reports: ScenarioReport[]): OverallRow[] {
  const names = Object.keys(reports[0]?.policies ?? {});
  return names.map((policy) => {
    const pairs = reports.flatMap((report) => {
      const summary = report.policies[policy];
      const oracle = report.policies.oracle;
      return summary && oracle ? [{ summary, oracle }] : [];
    });
    const p95 = pairs.map(({ summary, oracle }) => p95Ratio(summary, oracle));
    const cost = pairs.map(({ summary, oracle }) => costRatio(summary, oracle));
    const goals = reports.flatMap((report) => report.goals[policy] ?? []);
    const row: OverallRow = {
      policy,
      worstSuccessWhileHealthy: Math.min(
        ...pairs.map(({ summary }) => summary.successWhileHealthy),
      ),
      meanP95Ratio: mean(p95),
      worstP95Ratio: Math.max(...p95),
      meanCostRatio: mean(cost),
      worstCostRatio: Math.max(...cost),
      meanRegret: mean(pairs.map(({ summary, oracle }) => regret(summary, oracle))),
    };
    if (goals.length > 0) {
      row.goalsPassed = { passed: goals.filter((goal) => goal.pass).length, total: goals.length };
    }
    return row;
  });
}

/** The goals over the whole run: every scenario within bounds, lower mean regret than each baseline. */
export function overallGoals(rows: OverallRow[], subject: string, baselines: readonly string[]) {
  const row = rows.find((candidate) => candidate.policy === subject);
  if (row === undefined) return [];
  return [
    {
      goal: 'success >= 99.9% while any target is healthy, in every scenario',
      pass: row.worstSuccessWhileHealthy >= goalThresholds.successWhileHealthy,
    },
    {
      goal: 'p95 <= 1.1x oracle in every scenario',
      pass: row.worstP95Ratio <= goalThresholds.p95Ratio,
    },
    {
      goal: 'cost <= 1.05x oracle in every scenario',
      pass: row.worstCostRatio <= goalThresholds.costRatio,
    },
    ...baselines.map((name) => ({
      goal: `lower mean regret than ${name}`,
      pass: row.meanRegret < (rows.find((other) => other.policy === name)?.meanRegret ?? 0),
    })),
  ];
}

export function formatOverall(
  rows: OverallRow[],
  subjects: readonly string[],
  baselines: readonly string[],
): string {
  const lines = [
    '### overall (all scenarios)',
    '',
    '| policy | worst success % | mean p95 / oracle | worst p95 / oracle | mean cost / oracle | ' +
      'worst cost / oracle | mean regret | scenario goals passed |',
    `|${' --- |'.repeat(8)}`,
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.policy} | ${fixed(row.worstSuccessWhileHealthy * 100, 3)} | ` +
        `${fixed(row.meanP95Ratio, 3)} | ${fixed(row.worstP95Ratio, 3)} | ` +
        `${fixed(row.meanCostRatio, 3)} | ${fixed(row.worstCostRatio, 3)} | ` +
        `${fixed(row.meanRegret, 3)} | ` +
        `${row.goalsPassed ? `${row.goalsPassed.passed}/${row.goalsPassed.total}` : '-'} |`,
    );
  }
  lines.push('');
  for (const subject of subjects) {
    const goals = overallGoals(rows, subject, baselines);
    const checks = goals.map((goal) => `${goal.pass ? 'PASS' : 'MISS'} ${goal.goal}`);
    lines.push(`- **${subject}** overall: ${checks.join('; ')}`);
  }
  return lines.join('\n');
}
