import { rollupIncrement } from '../../apps/router/src/observability/record-increments.ts';
import type { RequestRecord } from '../../apps/router/src/observability/request-record.ts';
import {
  encodeVector,
  type SparseVector,
} from '../../apps/router/src/observability/sparse-vector.ts';
import {
  allKeys,
  bucketOf,
  dayMs,
  hourMs,
  observabilityKeys,
} from '../../apps/router/src/observability/store-keys.ts';
import { createRandom } from '../simulator/prng.ts';

/** What the synthetic traffic looks like. */
export interface SyntheticTraffic {
  requests: number;
  days: number;
  models: number;
  keys: number;
  teams: number;
  seed: number;
}

/** Writes one hash's fields (the store under test decides how). */
export type WriteHash = (key: string, fields: Record<string, string>) => Promise<void>;

export interface SyntheticSummary {
  requests: number;
  hourHashes: number;
  dayHashes: number;
  /** Groups (model, provider, key, team) over all hour and day hashes. */
  hourFields: number;
  dayFields: number;
  /** Where the range ends (now) and starts (the first hour written). */
  from: number;
  to: number;
  generateSeconds: number;
}

const providers = ['openai', 'anthropic', 'google', 'groq'];

/**
 * Writes the hour and day rollups of `traffic.requests` synthetic requests spread over the last
 * `traffic.days` days, made with the router's own `rollupIncrement`, so a stats query over them
 * reads what a month of that traffic would leave. Keys follow a Zipf law (a few busy keys, many
 * quiet ones); each key sticks to three models and one team.
 */
export async function writeSyntheticRollups(
  traffic: SyntheticTraffic,
  writeHash: WriteHash,
  now: number,
): Promise<SyntheticSummary> {
  const began = performance.now();
  const random = createRandom(traffic.seed);
  const keyWeights = cumulative(
    Array.from({ length: traffic.keys }, (_, index) => 1 / (index + 1) ** 1.1),
  );
  const firstHour = bucketOf('hour', now) - traffic.days * 24 + 1;
  const hours = traffic.days * 24;
  // As the router writes them: hours fold the keys, days keep them.
  const days = new Map<number, Map<string, SparseVector>>();
  const record = template(now);
  let hourFields = 0;
  for (let hour = 0; hour < hours; hour += 1) {
    const bucket = firstHour + hour;
    const count =
      Math.round(((hour + 1) * traffic.requests) / hours) -
      Math.round((hour * traffic.requests) / hours);
    const groups = new Map<string, SparseVector>();
    const byKey = new Map<string, SparseVector>();
    for (let index = 0; index < count; index += 1) {
      const key = pick(keyWeights, random());
      const model = (key * 7 + Math.floor(random() * 3)) % traffic.models;
      const provider = providers[model % providers.length] as string;
      fill(record, random, model);
      const team = `team-${key % traffic.teams}`;
      const vector = rollupIncrement(record);
      addInto(groups, `${provider}/model-${model}\t${provider}\t${allKeys}\t${team}`, vector);
      addInto(byKey, `${provider}/model-${model}\t${provider}\tkey-${key}\t${team}`, vector);
    }
    hourFields += groups.size;
    await writeHash(observabilityKeys.rollup('hour', bucket), encoded(groups));
    const day = bucketOf('day', bucket * hourMs);
    const dayGroups = days.get(day) ?? new Map<string, SparseVector>();
    days.set(day, dayGroups);
    for (const [group, vector] of byKey) addInto(dayGroups, group, vector);
  }
  let dayFields = 0;
  for (const [day, groups] of days) {
    dayFields += groups.size;
    await writeHash(observabilityKeys.rollup('day', day), encoded(groups));
  }
  return {
    requests: traffic.requests,
    hourHashes: hours,
    dayHashes: days.size,
    hourFields,
    dayFields,
    from: Math.floor((firstHour * hourMs) / dayMs) * dayMs,
    to: now,
    generateSeconds: Math.round((performance.now() - began) / 10) / 100,
  };
}

/** One synthetic request's record: latency, tokens, cost and outcome drawn for `model`. */
function fill(record: RequestRecord, random: () => number, model: number) {
  const roll = random();
  record.status = roll < 0.02 ? 'error' : roll < 0.025 ? 'cancelled' : 'success';
  record.stream = random() < 0.4;
  record.cache = random() < 0.05 ? 'HIT' : 'MISS';
  const input = Math.round(200 + 4_000 * random() ** 2);
  const output = Math.round(50 + 800 * random());
  const price = (1 + (model % 5)) / 1_000_000;
  const cost = (input + 4 * output) * price;
  record.tokens = { input, output, cached: record.cache === 'HIT' ? input : 0, reasoning: 0 };
  record.cost = record.cache === 'HIT' ? 0 : cost;
  record.saved_cost = record.cache === 'HIT' ? cost : null;
  record.latency_ms = Math.round(300 * Math.exp(1.2 * normal(random)) + 200);
  record.first_token_ms = record.stream
    ? Math.round(record.latency_ms * (0.1 + 0.3 * random()))
    : null;
  record.interrupted = random() < 0.002;
  record.route.attempts = random() < 0.01 ? [attempt('a/x'), attempt('b/y')] : [attempt('b/y')];
  record.guardrails = random() < 0.005 ? [guardrail] : undefined;
}

const attempt = (target: string) => ({
  target,
  outcome: 'ok' as const,
  status: null,
  code: null,
  duration_ms: 1,
  start_ms: null,
});

const guardrail = {
  rule: 'pii',
  direction: 'input' as const,
  action: 'redact' as const,
  mode: 'enforce' as const,
  count: 1,
  detectors: ['pii.email'],
  hashes: [],
};

function template(now: number): RequestRecord {
  return {
    id: 'req_synthetic',
    time: new Date(now).toISOString(),
    endpoint: '/v1/chat/completions',
    key: { id: 'k', label: 'k', hash: null, scope: null },
    team: null,
    requested_model: 'm',
    model: 'm',
    provider: 'p',
    route: {
      alias: null,
      rule: null,
      reason: null,
      targets: [],
      skipped: [],
      attempts: [],
      segments: [],
      summary: '',
    },
    status: 'success',
    http_status: 200,
    error_type: null,
    error_code: null,
    interrupted: false,
    continued: false,
    stream: false,
    cache: 'MISS',
    tokens: { input: 0, output: 0, cached: 0, reasoning: 0 },
    cost: 0,
    saved_cost: null,
    latency_ms: 0,
    first_token_ms: null,
    generation_ms: null,
    finish_reason: 'stop',
  };
}

function addInto(groups: Map<string, SparseVector>, group: string, vector: SparseVector) {
  const total = groups.get(group) ?? new Map<number, number>();
  groups.set(group, total);
  for (const [slot, value] of vector) total.set(slot, (total.get(slot) ?? 0) + value);
}

const encoded = (groups: Map<string, SparseVector>) =>
  Object.fromEntries([...groups].map(([group, vector]) => [group, encodeVector(vector)]));

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const sums: number[] = [];
  let running = 0;
  for (const weight of weights) {
    running += weight / total;
    sums.push(running);
  }
  return sums;
}

function pick(cumulativeWeights: number[], value: number): number {
  let low = 0;
  let high = cumulativeWeights.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((cumulativeWeights[middle] ?? 1) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
