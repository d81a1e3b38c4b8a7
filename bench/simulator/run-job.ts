import { findPolicy } from './policy-catalogue.ts';
import { buildScenarios } from './scenario-catalogue.ts';
import { isHealthy } from './scenarios.ts';
import { type PolicySummary, summarize } from './stats.ts';

/** One policy over one scenario: the unit of work a worker thread takes. */
export interface SimulationJob {
  scenario: string;
  policy: string;
  durationMs: number;
  requestsPerSecond: number;
  seed: number;
}

export interface JobResult {
  scenario: string;
  policy: string;
  summary: PolicySummary;
  /** Real time the job took. */
  wallMs: number;
}

export async function runJob(job: SimulationJob): Promise<JobResult> {
  const started = performance.now();
  const scenarios = buildScenarios(job);
  const scenario = scenarios.find((candidate) => candidate.name === job.scenario);
  const policy = findPolicy(job.policy);
  if (scenario === undefined || policy === undefined) {
    throw new Error(`unknown scenario or policy: ${job.scenario} / ${job.policy}`);
  }
  const targets = scenario.profiles.length;
  const anyHealthy = (atMs: number) =>
    scenario.profiles.some((_, index) => isHealthy(scenario.stateAt(index, atMs)));
  const results = await policy.run(scenario, job.seed);
  return {
    scenario: job.scenario,
    policy: job.policy,
    summary: summarize(results, targets, anyHealthy),
    wallMs: performance.now() - started,
  };
}
