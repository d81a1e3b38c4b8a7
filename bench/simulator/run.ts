/**
 * The routing simulator: every policy over every scripted scenario, in virtual time.
 *
 *   node bench/simulator/run.ts            one hour of virtual time per scenario
 *   node bench/simulator/run.ts --quick    five minutes per scenario (smoke run)
 *   options: --seed=N (default 42), --rate=N requests/s (default 10), --threads=N,
 *            --ablations (also the tuned policy with one setting undone at a time; slower)
 *
 * Prints a markdown table per scenario, the goal checks and an overall summary; writes the
 * figures to bench/results/simulator-<date>[-quick][-ablations].json. Misses never fail the
 * process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { formatOverall, overall } from './overall-report.ts';
import {
  ablationCatalogue,
  baselines,
  policyCatalogue,
  subjects,
  tunedSettings,
} from './policy-catalogue.ts';
import { formatScenario, reportScenario } from './report.ts';
import type { SimulationJob } from './run-job.ts';
import { buildScenarios } from './scenario-catalogue.ts';
import { runJobs } from './worker-pool.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    ablations: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    rate: { type: 'string', default: '10' },
    threads: { type: 'string', default: String(Math.min(2, availableParallelism())) },
  },
});
const seed = Number(values.seed);
const requestsPerSecond = Number(values.rate);
const durationMs = values.quick ? 5 * 60_000 : 60 * 60_000;
const scenarios = buildScenarios({ durationMs, requestsPerSecond });
const started = performance.now();
const policies = [...policyCatalogue, ...(values.ablations ? ablationCatalogue : [])];

// The slow (routed) policies first, so the threads finish together.
const jobs: SimulationJob[] = [...policies].reverse().flatMap((policy) =>
  scenarios.map((scenario) => ({
    scenario: scenario.name,
    policy: policy.name,
    durationMs,
    requestsPerSecond,
    seed,
  })),
);
const results = await runJobs(jobs, Number(values.threads), (result) => {
  process.stderr.write(`  ${result.scenario} / ${result.policy}: ${result.wallMs.toFixed(0)} ms\n`);
});

const reports = scenarios.map((scenario) => {
  const summaries = Object.fromEntries(
    policies.flatMap((policy) => {
      const found = results.find((r) => r.scenario === scenario.name && r.policy === policy.name);
      return found === undefined ? [] : [[policy.name, found.summary] as const];
    }),
  );
  return reportScenario(scenario, summaries, subjects, baselines);
});
const rows = overall(reports);
const profiles = scenarios[0]?.profiles ?? [];
const targetNames = profiles.map((profile) => profile.id.split('/')[0] ?? profile.id);

console.log(
  `# Routing simulator — ${values.quick ? 'quick, 5' : '60'} virtual minutes per scenario`,
);
console.log(
  `\n${requestsPerSecond} requests/s (Poisson), seed ${seed}, ${scenarios.length} scenarios, ` +
    `${policies.length} policies on the same request stream; 1,000 input + 300 output ` +
    'tokens per request.\n',
);
console.log('Targets of the alias, in configured order:\n');
for (const profile of profiles) {
  console.log(
    `- ${profile.id}: $${profile.price.input}/$${profile.price.output} per M tokens, ` +
      `p50 ${profile.latencyMs.p50} ms, p95 ${profile.latencyMs.p95} ms, ` +
      `${profile.errorRate * 100}% errors, 429 above ${profile.rateLimitPerSecond} req/s`,
  );
}
console.log('\nPolicies:\n');
for (const policy of policies) console.log(`- ${policy.name}: ${policy.description}`);
console.log(
  `\nTuned routing settings (merged over the defaults): ${JSON.stringify(tunedSettings)}\n`,
);
for (const report of reports) console.log(`${formatScenario(report, targetNames)}\n`);
console.log(formatOverall(rows, subjects, baselines));
console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const resultsDirectory = new URL('../results/', import.meta.url);
mkdirSync(resultsDirectory, { recursive: true });
const date = new Date().toISOString().slice(0, 10);
const suffix = `${values.quick ? '-quick' : ''}${values.ablations ? '-ablations' : ''}`;
const file = new URL(`simulator-${date}${suffix}.json`, resultsDirectory);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      settings: { quick: values.quick, durationMs, requestsPerSecond, seed },
      profiles,
      tunedSettings,
      policies: policies.map(({ name, description }) => ({ name, description })),
      scenarios: reports,
      overall: rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${file.pathname}`);
