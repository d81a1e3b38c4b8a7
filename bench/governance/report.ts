import type { BudgetAlertsResult } from './budget-alerts.ts';
import type { BudgetRaceResult } from './budget-race.ts';
import type { CancelledStreamResult } from './cancelled-stream.ts';
import { formatCounts } from './client.ts';
import type { EnforcementCostResult, LoadFigures } from './enforcement-cost.ts';
import type { KilledProcessResult } from './killed-process.ts';
import type { RateResult } from './rate-limits.ts';
import type { RevocationResult } from './revocation.ts';
import type { StoreStallResult } from './store-stall.ts';

export interface GovernanceResults {
  command: string;
  setup: string[];
  /** Scenarios that threw, with the error. */
  errors: string[];
  budget?: BudgetRaceResult[];
  rates?: RateResult[];
  revocation?: RevocationResult;
  killed?: KilledProcessResult;
  cancelled?: CancelledStreamResult;
  alerts?: BudgetAlertsResult;
  cost?: EnforcementCostResult;
  stall?: StoreStallResult;
}

/** A check the figures must pass: `PASS` or `FAIL` with what was measured. */
export interface Check {
  passed: boolean;
  what: string;
}

const dollars = (nanos: number) => `$${(nanos / 1e9).toFixed(6)}`;
const times = (value: number, unit: number) => `${(value / unit).toFixed(2)}×`;
const check = (passed: boolean, what: string): Check => ({ passed, what });

/** The report as Markdown lines, and the checks it makes. */
export function formatReport(results: GovernanceResults): { lines: string[]; checks: Check[] } {
  const lines: string[] = ['# Control-plane benchmark', '', `Command: \`${results.command}\``, ''];
  lines.push(...results.setup.map((line) => `- ${line}`), '');
  const checks: Check[] = [];
  const sections = [
    budgetSection,
    rateSection,
    revocationSection,
    killedSection,
    cancelledSection,
    alertsSection,
    costSection,
    stallSection,
  ];
  for (const section of sections) {
    const part = section(results);
    if (part === undefined) continue;
    lines.push(...part.lines, '');
    checks.push(...part.checks);
  }
  checks.push(...results.errors.map((error) => check(false, `scenario failed: ${error}`)));
  lines.push('## Checks', '');
  for (const { passed, what } of checks) lines.push(`- ${passed ? 'PASS' : 'FAIL'} ${what}`);
  return { lines, checks };
}

type Section = (results: GovernanceResults) => { lines: string[]; checks: Check[] } | undefined;

const budgetSection: Section = ({ budget }) => {
  if (!budget?.length) return undefined;
  const [first] = budget;
  if (!first) return undefined;
  const reservations = first.budgetNanos / first.estimateNanos;
  const wait = `${first.settleWaitMs / 1_000} s`;
  const lines = [
    `## 1. Budget: ${first.requests} concurrent requests, budget = ${reservations} × the reservation estimate`,
    '',
    `Estimate ${dollars(first.estimateNanos)} a request (the router's \`estimateLanguageModelCall\`), budget ${dollars(first.budgetNanos)}. *Billed* is what the upstream's reported usage costs for every call it served; *recorded* is the budget's spend counter; overshoot is billed over budget, in reservations. *Admitted* counts the admission script's admissions (the key also has rpm 1,000,000, far above the load, so its window counts them); *open* the reservations not settled ${wait} after the last answer.`,
    '',
    `| upstream usage | enforcement | answers | accepted (= upstream calls) | admitted | open after ${wait} | recorded / budget | billed / budget | overshoot |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const checks: Check[] = [];
  for (const result of budget) {
    const { router, naive } = result;
    const name = result.variant.name;
    const row = (
      enforcement: string,
      figures: BudgetRaceResult['naive'],
      admitted: string,
      open: string,
    ) =>
      `| ${name} (${dollars(result.actualNanos)} a request) | ${enforcement} | ${formatCounts(figures.statuses)} | ${figures.accepted} (${figures.upstreamCalls}) | ${admitted} | ${open} | ${(figures.spendNanos / result.budgetNanos).toFixed(3)} | ${(figures.billedNanos / result.budgetNanos).toFixed(3)} | ${times(figures.overshootNanos, result.estimateNanos)} |`;
    lines.push(
      row(
        'Switchyard: reserve, then settle',
        router,
        String(router.admitted),
        String(router.openAfterWait),
      ),
      row('naive: check, then add', naive, '–', '–'),
    );
    if (naive.overshootNanos > 0 && router.overshootNanos > 0) {
      lines.push(
        `|  | naive overshoot / Switchyard overshoot | | | | | | | ${(naive.overshootNanos / router.overshootNanos).toFixed(1)}× |`,
      );
    }
    if (result.variant.factor === 1) {
      checks.push(
        check(
          router.accepted === reservations && router.billedNanos === result.budgetNanos,
          `budget ${name}: ${router.accepted} accepted (expected ${reservations}), billed ${router.billedNanos} = budget ${result.budgetNanos} nanodollars`,
        ),
      );
    } else if (result.variant.factor < 1) {
      checks.push(
        check(
          router.overshootNanos < result.estimateNanos,
          `budget ${name}: overshoot ${times(router.overshootNanos, result.estimateNanos)} a reservation (must be < 1)`,
        ),
      );
    }
    checks.push(
      check(
        router.upstreamCalls === router.accepted,
        `budget ${name}: the upstream was called once per accepted request (${router.upstreamCalls} calls, ${router.accepted} accepted)`,
      ),
      check(
        router.admitted === router.accepted,
        `budget ${name}: every admitted request was served (${router.admitted} admitted, ${router.accepted} served; the rest were refused after the script had charged them)`,
      ),
      check(
        router.openAfterWait === 0,
        `budget ${name}: every reservation settled within ${wait} (${router.openAfterWait} still open)`,
      ),
      check(
        router.spendNanos === router.billedNanos,
        `budget ${name}: the spend counter equals the billed cost (${dollars(router.spendNanos)} vs ${dollars(router.billedNanos)})`,
      ),
      check(
        router.reportedUsageNanos === router.spendNanos,
        `budget ${name}: GET /api/v1/key reports the spend counter (${dollars(router.reportedUsageNanos)})`,
      ),
    );
  }
  return { lines, checks };
};

const rateSection: Section = ({ rates }) => {
  if (!rates?.length) return undefined;
  const lines = [
    '## 2. Rolling-minute rpm across 3 processes',
    '',
    '| limit | requests | over | answers | accepted | 429 with retry-after | x-ratelimit-limit / remaining / reset-requests |',
    '| --- | ---: | ---: | --- | ---: | ---: | --- |',
  ];
  const checks: Check[] = [];
  for (const rate of rates) {
    const { headers } = rate;
    lines.push(
      `| ${rate.name} | ${rate.requests} | ${rate.seconds} s | ${formatCounts(rate.statuses)} | ${rate.accepted} | ${headers['retry-after']}/${rate.refused} | ${headers['x-ratelimit-limit-requests']} / ${headers['x-ratelimit-remaining-requests']} / ${headers['x-ratelimit-reset-requests']} of ${rate.refused} |`,
    );
    checks.push(
      check(
        rate.accepted <= rate.rpm && rate.accepted >= rate.rpm * 0.9,
        `${rate.name}: ${rate.accepted} accepted within the minute (at most ${rate.rpm})`,
      ),
      check(
        rate.refused > 0 && headers['retry-after'] === rate.refused,
        `${rate.name}: every 429 carries retry-after (${headers['retry-after']}/${rate.refused})`,
      ),
      check(
        rate.refused > 0 &&
          ['limit', 'remaining', 'reset'].every(
            (part) => headers[`x-ratelimit-${part}-requests`] === rate.refused,
          ),
        `${rate.name}: every 429 carries x-ratelimit-{limit,remaining,reset}-requests`,
      ),
    );
  }
  const sample = rates[0]?.sample;
  if (sample) {
    lines.push('', 'A 429 of the key:', '', '```');
    for (const [name, value] of Object.entries(sample)) lines.push(`${name}: ${value}`);
    lines.push('```');
  }
  return { lines, checks };
};

const revocationSection: Section = ({ revocation }) => {
  if (!revocation) return undefined;
  const lines = [
    '## 3. Revocation across 3 processes',
    '',
    `The key served ${formatCounts(revocation.before)} round-robin before the PATCH; \`PATCH /api/v1/keys/{hash}\` \`{disabled: true}\` through router 3 took ${revocation.patchMs.toFixed(1)} ms (requests in flight meanwhile: ${formatCounts(revocation.during) || 'none'}).`,
    '',
    `After the PATCH returned: ${revocation.afterRequests} requests round-robin → ${formatCounts(revocation.after)}; ${revocation.succeededAfter} succeeded.`,
  ];
  const refused = revocation.after[401] ?? 0;
  return {
    lines,
    checks: [
      check(
        revocation.succeededAfter === 0 && refused === revocation.afterRequests,
        `revocation: 0 of ${revocation.afterRequests} requests after the PATCH succeeded (${refused} × 401)`,
      ),
    ],
  };
};

const killedSection: Section = ({ killed }) => {
  if (!killed) return undefined;
  const flagged = Number(killed.flags.unsettled ?? 0);
  const flaggedNanos = Number(killed.flags.unsettled_nanos ?? 0);
  const lines = [
    `## 4a. A router killed (SIGKILL) with a reservation open (reservationTtlMs ${killed.reservationTtlMs})`,
    '',
    'Key with `max_parallel: 1`; its request in flight on a 4th router process, upstream holding the answer.',
    '',
    '| moment | second request of the key on router 1 | key spend |',
    '| --- | --- | ---: |',
    `| in flight, before the kill | ${killed.whileInFlight} | ${dollars(killed.spendInFlight)} (${times(killed.spendInFlight, killed.estimateNanos)} estimate) |`,
    `| killed, ${killed.msFromKillToDeadline} ms before the deadline | ${killed.afterKillBeforeDeadline} | |`,
    `| after the deadline | ${killed.afterDeadline} | |`,
    '',
    `Charged for the killed request once everything settled: ${dollars(killed.chargedForKilled)} (${times(killed.chargedForKilled, killed.estimateNanos)} its estimate). \`sy:flags\` of the key: unsettled ${flagged}, unsettled_nanos ${flaggedNanos}. Upstream saw the connection drop: ${killed.upstreamSawDisconnect}.`,
  ];
  return {
    lines,
    checks: [
      check(
        killed.whileInFlight === 429 && killed.afterKillBeforeDeadline === 429,
        `killed process: the in-flight slot stays held until the deadline (429, 429: ${killed.whileInFlight}, ${killed.afterKillBeforeDeadline})`,
      ),
      check(
        killed.afterDeadline === 200,
        `killed process: the slot is free after the deadline (${killed.afterDeadline})`,
      ),
      check(
        killed.chargedForKilled === killed.estimateNanos,
        `killed process: charged at its estimate (${killed.chargedForKilled} = ${killed.estimateNanos})`,
      ),
      check(
        flagged === 1 && flaggedNanos === killed.estimateNanos,
        `killed process: flagged once as unsettled (${flagged}, ${flaggedNanos} nanodollars)`,
      ),
    ],
  };
};

const cancelledSection: Section = ({ cancelled }) => {
  if (!cancelled) return undefined;
  const lines = [
    '## 4b. A stream the client abandons',
    '',
    `Upstream streams ${cancelled.chunksPlanned} chunks of ${cancelled.chunkChars} characters, ${cancelled.chunkDelayMs} ms apart; the client reads ${cancelled.chunksRead} (${cancelled.charsRead} characters) and aborts. Settled ${cancelled.msToSettle} ms after the abort; the upstream saw its request cancelled: ${cancelled.upstreamCancelled}.`,
    '',
    '| | nanodollars | of the estimate |',
    '| --- | ---: | ---: |',
    `| key spend after settlement | ${cancelled.spendNanos} | ${times(cancelled.spendNanos, cancelled.estimateNanos)} |`,
    `| delivered part at ~4 characters a token (prompt + text read) | ${cancelled.expectedNanos} | ${times(cancelled.expectedNanos, cancelled.estimateNanos)} |`,
    `| the whole answer (usage the upstream reports at the end) | ${cancelled.fullCostNanos} | ${times(cancelled.fullCostNanos, cancelled.estimateNanos)} |`,
  ];
  const near =
    cancelled.spendNanos >= cancelled.expectedNanos * 0.5 &&
    cancelled.spendNanos <= cancelled.expectedNanos * 2;
  return {
    lines,
    checks: [
      check(
        cancelled.settled &&
          cancelled.spendNanos > 0 &&
          cancelled.spendNanos < cancelled.estimateNanos &&
          near,
        `cancelled stream: charged ${cancelled.spendNanos}, > 0, < the estimate and within 2× of the delivered part (${cancelled.expectedNanos})`,
      ),
    ],
  };
};

const alertsSection: Section = ({ alerts }) => {
  if (!alerts) return undefined;
  const thresholds = [50, 80, 100];
  const lines = [
    '## 4c. Budget alerts',
    '',
    `${alerts.requests} concurrent requests against a budget of ${dollars(alerts.budgetNanos)} → ${formatCounts(alerts.statuses)}; spend ${dollars(alerts.spendNanos)}.`,
    '',
    `Webhooks received for the key: ${thresholds.map((percent) => `${percent}% × ${alerts.perThreshold[percent] ?? 0}`).join(', ')} (${alerts.received} in all); valid signatures (HMAC-SHA256 of "t.body", checked with node:crypto): ${alerts.validSignatures}/${alerts.received}.`,
  ];
  const once = thresholds.every((percent) => alerts.perThreshold[percent] === 1);
  return {
    lines,
    checks: [
      check(
        once && alerts.received === 3,
        `alerts: each of 50/80/100% arrived exactly once (${alerts.received} in all)`,
      ),
      check(
        alerts.received > 0 && alerts.validSignatures === alerts.received,
        'alerts: every signature verifies',
      ),
    ],
  };
};

const costSection: Section = ({ cost }) => {
  if (!cost) return undefined;
  const { unmetered, metered } = cost;
  const failed = [metered.sequential.failures, metered.concurrent.failures]
    .map(formatCounts)
    .filter(Boolean)
    .join(', ');
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const row = (name: string, figures: LoadFigures, base: LoadFigures) =>
    `| ${name} | ${ms(figures.latency.p50)} | ${ms(figures.latency.p99)} | ${figures.requestsPerSecond} | ${(figures.latency.p50 / base.latency.p50).toFixed(2)}× | ${(figures.requestsPerSecond / base.requestsPerSecond).toFixed(2)}× | ${formatCounts(figures.failures) || 0} |`;
  const lines = [
    '## 5. Cost of enforcement',
    '',
    `The same request, round-robin over the 3 routers: root admin key (no scope, no admission) vs a stored key with budget + rpm + tpm (admission script before, settlement script after). Upstream answers at once. Concurrency 1: ${cost.sequentialRequests} requests each in 5 alternating rounds; concurrency ${cost.concurrency}: ${cost.concurrentRequests} each in 2 alternating rounds.`,
    '',
    '| variant | p50 | p99 | req/s | p50 vs admin | req/s vs admin | not 200 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('admin key, concurrency 1', unmetered.sequential, unmetered.sequential),
    row('limited key, concurrency 1', metered.sequential, unmetered.sequential),
    row(`admin key, concurrency ${cost.concurrency}`, unmetered.concurrent, unmetered.concurrent),
    row(`limited key, concurrency ${cost.concurrency}`, metered.concurrent, unmetered.concurrent),
    '',
    `Redis commands per request (MONITOR over ${metered.store.requests} sequential requests, settlement included):`,
    '',
    '| variant | sent by the router | by command | run inside scripts |',
    '| --- | ---: | --- | ---: |',
  ];
  for (const [name, traffic] of [
    ['admin key', unmetered.store],
    ['limited key', metered.store],
  ] as const) {
    const commands = Object.entries(traffic.byCommand)
      .map(([command, count]) => `${command} ${count}`)
      .join(', ');
    lines.push(
      `| ${name} | ${traffic.commandsPerRequest} | ${commands || '–'} | ${traffic.scriptCommandsPerRequest} |`,
    );
  }
  return {
    lines,
    checks: [
      check(
        failed === '',
        `cost: every limited-key request succeeded (not 200: ${failed || 'none'})`,
      ),
    ],
  };
};

const stallSection: Section = ({ stall }) => {
  if (!stall) return undefined;
  const { lateAdmission: late, droppedSettlement: dropped } = stall;
  const lines = [
    `## 6. A store stall (\`CLIENT PAUSE ${stall.pauseMs} WRITE\`: Redis holds scripts ${stall.pauseMs} ms, past the routers' 1 s governance store time budget)`,
    '',
    `Late admission reply: a request of a key with \`max_parallel: 1\` sent during the pause got ${late.status} (“${late.message}”). Afterwards the key had been charged ${late.chargedEstimates} estimate(s) for it, ${late.openReservationSeconds.length === 0 ? 'no reservation of it was in flight' : `its reservation was still in flight (deadline in ${late.openReservationSeconds.join(', ')} s)`}, and its next request got ${late.nextStatus}.`,
    '',
    `Settlement while the store breaker is open: a request (answer after 1 s, usage costing ${dollars(dropped.costNanos)}) got ${dropped.status}; meanwhile three other requests on the same router met the pause (${dropped.otherStatuses.join(', ')}), which opens the router's store breaker for 2 s. ${stall.settleWaitMs / 1_000} s after the answer its key had been charged ${dollars(dropped.chargedNanos)}, with ${dropped.stillInFlight} reservation still in flight.`,
  ];
  return {
    lines,
    checks: [
      check(
        late.status !== 503 ||
          (late.chargedEstimates === 0 && late.openReservationSeconds.length === 0),
        `store stall: a request refused with 503 is not charged and holds no slot (charged ${late.chargedEstimates} estimate(s), ${late.openReservationSeconds.length} reservation open, next request ${late.nextStatus})`,
      ),
      check(
        dropped.chargedNanos === dropped.costNanos && dropped.stillInFlight === 0,
        `store stall: a settlement that meets an open store breaker still lands (charged ${dropped.chargedNanos}, cost ${dropped.costNanos}, ${dropped.stillInFlight} still in flight)`,
      ),
    ],
  };
};
