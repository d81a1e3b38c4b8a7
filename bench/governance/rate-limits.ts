import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Answer,
  complete,
  createKey,
  createTeam,
  roundRobin,
  statusCounts,
} from './client.ts';
import type { Fleet } from './fleet.ts';

export interface RateResult {
  name: string;
  rpm: number;
  requests: number;
  seconds: number;
  statuses: Record<number, number>;
  accepted: number;
  refused: number;
  /** Of the 429s: how many carry each header. */
  headers: Record<string, number>;
  /** A 429's headers and message, for the report. */
  sample?: Record<string, string>;
}

const rateHeaders = [
  'retry-after',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
];

/**
 * `bursts` bursts of `perBurst` requests, one burst a second, round-robin over the three routers
 * and over `keys`: at most `rpm` may succeed within the minute.
 */
async function burst(
  fleet: Fleet,
  keys: readonly string[],
  options: { bursts: number; perBurst: number },
): Promise<Answer[]> {
  const router = roundRobin(fleet.routers.map((process) => process.url));
  const key = roundRobin(keys);
  const pending: Promise<Answer>[] = [];
  for (let round = 0; round < options.bursts; round += 1) {
    const tick = sleep(1_000);
    for (let index = 0; index < options.perBurst; index += 1) {
      pending.push(complete(router(), key()));
    }
    await tick;
  }
  return Promise.all(pending);
}

function summarize(name: string, rpm: number, answers: Answer[], seconds: number): RateResult {
  const statuses = statusCounts(answers);
  const refusals = answers.filter((answer) => answer.status === 429);
  const headers = Object.fromEntries(
    rateHeaders.map((header) => [
      header,
      refusals.filter((answer) => answer.headers.has(header)).length,
    ]),
  );
  const first = refusals[0];
  const sample = first && {
    ...Object.fromEntries(rateHeaders.map((header) => [header, first.headers.get(header) ?? '–'])),
    message: (JSON.parse(first.body) as { error?: { message?: string } }).error?.message ?? '',
  };
  return {
    name,
    rpm,
    requests: answers.length,
    seconds,
    statuses,
    accepted: statuses[200] ?? 0,
    refused: refusals.length,
    headers,
    ...(sample && { sample }),
  };
}

/** A key with `rpm`, and a team with `rpm` shared by five keys without limits of their own. */
export async function runRateLimits(
  fleet: Fleet,
  options: { rpm: number; bursts: number; perBurst: number },
): Promise<RateResult[]> {
  await fleet.setUpstream({ latencyMs: 0 });
  const admin = fleet.routers[0]?.url ?? '';
  const stamp = Date.now().toString(36);
  const key = await createKey(admin, { name: 'rpm key', rpm: options.rpm });
  const team = await createTeam(admin, { id: `rpm-${stamp}`, name: 'rpm team', rpm: options.rpm });
  const members = await Promise.all(
    [1, 2, 3, 4, 5].map((index) =>
      createKey(admin, { name: `team member ${index}`, team_id: team.data.id }),
    ),
  );
  const seconds = options.bursts;
  // Both at once: different scopes, so neither counts against the other.
  const [alone, shared] = await Promise.all([
    burst(fleet, [key.key], options),
    burst(
      fleet,
      members.map((member) => member.key),
      options,
    ),
  ]);
  return [
    summarize(`key rpm ${options.rpm}`, options.rpm, alone, seconds),
    summarize(`team rpm ${options.rpm}, 5 keys without limits`, options.rpm, shared, seconds),
  ];
}
