/**
 * The control plane under load, across three router processes sharing one redis-server: budget
 * races against a naive check-then-add proxy, rolling-minute rpm for a key and a team,
 * revocation, a process killed with a reservation open, an abandoned stream, budget alerts, and
 * what enforcement costs per request. Not part of `pnpm test`; see ./README.md.
 *
 *   pnpm bench:governance [--only budget,rate,revocation,killed,cancelled,alerts,cost,stall]
 *                         [--budget-requests N] [--budget-latency-ms N] [--cost-requests N]
 *
 * Prints the report (Markdown) and writes bench/results/governance-<date>.md and .json. A failed
 * check is printed as FAIL (a finding, not a crash); only a scenario that threw sets exit code 1.
 */
import { parseArgs } from 'node:util';
import { machineBusyPercent } from '../lib/machine-load.ts';
import { runFacts, today, writeResult } from '../lib/results.ts';
import { maxTokens, prices } from './bench-request.ts';
import { runBudgetAlerts } from './budget-alerts.ts';
import { runBudgetRace, usageVariants } from './budget-race.ts';
import { runCancelledStream } from './cancelled-stream.ts';
import { runEnforcementCost } from './enforcement-cost.ts';
import { startFleet } from './fleet.ts';
import { runKilledProcess } from './killed-process.ts';
import { killAll } from './processes.ts';
import { runRateLimits } from './rate-limits.ts';
import { formatReport, type GovernanceResults } from './report.ts';
import { runRevocation } from './revocation.ts';
import { runStoreStall } from './store-stall.ts';
import { warmUp } from './warm-up.ts';

const scenarios = [
  'budget',
  'rate',
  'revocation',
  'killed',
  'cancelled',
  'alerts',
  'cost',
  'stall',
] as const;
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'budget-requests': { type: 'string', default: '500' },
    'budget-latency-ms': { type: 'string', default: '200' },
    'cost-requests': { type: 'string', default: '1000' },
  },
});
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(scenarios as readonly string[]).includes(name));
if (unknown?.length)
  throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.join(', ')}`);
const runs = (name: (typeof scenarios)[number]) => only === undefined || only.includes(name);

// Children die with the bench, whichever way it ends; redis-server has its own exit hook.
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n[governance] ${signal}: stopping every process`);
    process.exit(130);
  });
}
// A hung scenario must not hold the machine: nothing here needs more than this.
setTimeout(() => {
  console.error('[governance] gave up after 10 minutes');
  process.exit(1);
}, 600_000).unref();

const busyPercent = await machineBusyPercent();
if (busyPercent > 10)
  console.log(`[governance] warning: the CPUs were ${busyPercent}% busy before the start`);
const started = Date.now();
const fleet = await startFleet();
const log = (message: string) =>
  console.log(
    `[governance ${((Date.now() - started) / 1_000).toFixed(0).padStart(3)} s] ${message}`,
  );
log(
  `redis ${fleet.redisUrl}, upstream ${fleet.upstreamUrl}, routers ${fleet.routers.map((router) => router.url).join(' ')}; warming up`,
);

await warmUp(fleet);
const { estimate } = fleet;
const redisVersion = /redis_version:(\S+)/.exec(
  String(await fleet.redis.command('INFO', 'server')),
)?.[1];
const budgetRequests = Number(values['budget-requests']);
const budgetLatencyMs = Number(values['budget-latency-ms']);
const argv = process.argv.slice(2).join(' ');
const results: GovernanceResults = {
  errors: [],
  command: `pnpm bench:governance${argv ? ` ${argv}` : ''}`,
  setup: [
    `${runFacts().date}, Node ${process.version}, ${runFacts().cpu}, CPUs ${busyPercent}% busy before the start`,
    `3 router processes (\`node apps/router/src/node.ts\`, default config apart from the below) sharing one redis-server ${redisVersion} over REDIS_URL; requests round-robin across them`,
    `upstream: bench/governance/upstream.ts (OpenAI chat completions, usage set per scenario), one \`openai-compatible\` provider, alias \`bench\` → \`up/bench-model\`, catalog prices $${prices.input} / $${prices.output} per million input / output tokens`,
    `request: one user message, max_tokens ${maxTokens} → reservation estimate ${estimate.inputTokens} input + ${estimate.outputTokens} output tokens = ${estimate.nanos} nanodollars`,
  ],
};

/** Runs one scenario; a scenario that throws is reported as a failed check, the rest still run. */
async function attempt(name: string, scenario: () => Promise<void>): Promise<void> {
  log(name);
  try {
    await scenario();
  } catch (error) {
    log(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    results.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

try {
  if (runs('budget')) {
    results.budget = [];
    results.setup.push(`budget scenario: upstream answers after ${budgetLatencyMs} ms`);
    for (const variant of usageVariants) {
      await attempt(`budget ${variant.name}`, async () => {
        results.budget?.push(
          await runBudgetRace(fleet, variant, {
            requests: budgetRequests,
            reservations: 100,
            latencyMs: budgetLatencyMs,
          }),
        );
      });
    }
  }
  if (runs('rate')) {
    await attempt(
      'rate limits: 300 requests in 10 bursts a second apart, a key and a team at once',
      async () => {
        results.rates = await runRateLimits(fleet, { rpm: 60, bursts: 10, perBurst: 30 });
      },
    );
  }
  if (runs('revocation')) {
    await attempt('revocation', async () => {
      results.revocation = await runRevocation(fleet, { requests: 300, concurrency: 12 });
    });
  }
  if (runs('killed')) {
    await attempt('a router killed with a reservation open', async () => {
      results.killed = await runKilledProcess(fleet, { reservationTtlMs: 2_000 });
    });
  }
  if (runs('cancelled')) {
    await attempt('an abandoned stream', async () => {
      results.cancelled = await runCancelledStream(fleet, {
        chunks: 40,
        chunkDelayMs: 100,
        readChunks: 5,
      });
    });
  }
  if (runs('alerts')) {
    await attempt('budget alerts', async () => {
      results.alerts = await runBudgetAlerts(fleet, {
        requests: 100,
        reservations: 50,
        latencyMs: 50,
      });
    });
  }
  if (runs('cost')) {
    await attempt('cost of enforcement', async () => {
      const requests = Number(values['cost-requests']);
      results.cost = await runEnforcementCost(fleet, {
        sequential: requests,
        concurrent: requests * 2,
        concurrency: 16,
      });
    });
  }
  if (runs('stall')) {
    await attempt('a store stall (CLIENT PAUSE)', async () => {
      results.stall = await runStoreStall(fleet);
    });
  }
} finally {
  await fleet.close();
}

const { lines, checks } = formatReport(results);
const markdown = `${lines.join('\n')}\n`;
console.log(`\n${markdown}`);
const suffix = only ? `-${only.join('-')}` : '';
console.log(`wrote ${writeResult(`governance-${today()}${suffix}.md`, markdown)}`);
console.log(
  `wrote ${writeResult(`governance-${today()}${suffix}.json`, { benchmark: 'governance', ...runFacts(), ...results, checks })}`,
);
log('done');
// A failed check is a finding, printed as FAIL; only a scenario that could not run fails the process.
if (results.errors.length > 0) process.exitCode = 1;
