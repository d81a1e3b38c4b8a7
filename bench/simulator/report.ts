import { checkGoals, costRatio, type GoalResult, p95Ratio, regret } from './goals.ts';
import type { PolicySummary } from './stats.ts';

export interface ScenarioReport {
  name: string;
  description: string;
  /** Summaries by policy name, the oracle among them. */
  policies: Record<string, PolicySummary>;
  /** Goal checks by subject policy. */
  goals: Record<string, GoalResult[]>;
}

/** Checks every subject's goals against the oracle and the baselines. */
export function reportScenario(
  scenario: { name: string; description: string },
  policies: Record<string, PolicySummary>,
  subjects: readonly string[],
  baselines: readonly string[],
): ScenarioReport {
  const oracle = policies.oracle;
  if (oracle === undefined) throw new Error(`no oracle run for ${scenario.name}`);
  const goals: Record<string, GoalResult[]> = {};
  for (const subject of subjects) {
    const summary = policies[subject];
    if (summary === undefined) continue;
    goals[subject] = checkGoals(
      summary,
      oracle,
      baselines.flatMap((name) => {
        const baseline = policies[name];
        return baseline === undefined ? [] : [{ name, summary: baseline }];
      }),
    );
  }
  return { ...scenario, policies, goals };
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';

/** A markdown table of one scenario, then its goal checks. */
export function formatScenario(report: ScenarioReport, targetNames: string[]): string {
  const oracle = report.policies.oracle as PolicySummary;
  const header =
    '| policy | success % | p50 ms | p95 ms | $ / 1k req | attempts / req | p95 / oracle | ' +
    `cost / oracle | regret | served % (${targetNames.join(' / ')}) |`;
  const lines = [`### ${report.name}`, '', report.description, '', header];
  lines.push(`|${' --- |'.repeat(10)}`);
  for (const [name, summary] of Object.entries(report.policies)) {
    lines.push(
      `| ${name} | ${fixed(summary.successRate * 100, 3)} | ${fixed(summary.p50LatencyMs, 0)} | ` +
        `${fixed(summary.p95LatencyMs, 0)} | ${fixed(summary.costPer1kUsd, 4)} | ` +
        `${fixed(summary.attemptsPerRequest, 3)} | ${fixed(p95Ratio(summary, oracle), 3)} | ` +
        `${fixed(costRatio(summary, oracle), 3)} | ${fixed(regret(summary, oracle), 3)} | ` +
        `${summary.servedShare.map((share) => fixed(share * 100, 1)).join(' / ')} |`,
    );
  }
  lines.push('');
  for (const [subject, goals] of Object.entries(report.goals)) {
    const checks = goals.map(
      (goal) => `${goal.pass ? 'PASS' : 'MISS'} ${goal.goal} (${goal.value})`,
    );
    lines.push(`- **${subject}**: ${checks.join('; ')}`);
  }
  return lines.join('\n');
}
