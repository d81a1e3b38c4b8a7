import autocannon from 'autocannon';
import { type LatencySummary, summarize } from '../lib/latency.ts';
import type { RequestSpec, RunningTarget } from './targets.ts';

export const kinds = ['json', 'stream'] as const;
export type Kind = (typeof kinds)[number];

export interface Throughput {
  requestsPerSecond: number;
  requests: number;
  /** Connection errors + timeouts + non-2xx answers. */
  failures: number;
}

const send = (target: RunningTarget, spec: RequestSpec) =>
  fetch(`${target.url}${spec.path}`, { method: 'POST', headers: spec.headers, body: spec.body });

/**
 * One request of `kind`; throws unless the answer is complete, a cache hit where expected, and
 * rate-limited (`x-ratelimit-limit-requests`) where governed.
 */
export async function verify(target: RunningTarget, kind: Kind): Promise<void> {
  const response = await send(target, target[kind]);
  const text = await response.text();
  const cache = response.headers.get('x-switchyard-cache');
  const limited = response.headers.has('x-ratelimit-limit-requests');
  const complete =
    kind === 'json'
      ? (JSON.parse(text) as { choices?: unknown[] }).choices?.length === 1
      : text.trimEnd().endsWith('data: [DONE]');
  if (
    response.status !== 200 ||
    !complete ||
    (target.expectCacheHit && cache !== 'HIT') ||
    (target.governed && !limited)
  ) {
    throw new Error(
      `${target.id} ${kind}: ${response.status} (cache ${cache}, rate-limited ${limited}) ${text.slice(0, 300)}`,
    );
  }
}

/**
 * Throws unless the governed target's guardrails are on: a prompt with a personal e-mail
 * address must come back flagged (`x-switchyard-guardrails: pii=warn(input,1)`).
 */
export async function verifyGuardrails(target: RunningTarget): Promise<void> {
  const body = JSON.parse(target.json.body) as { messages: object[] };
  body.messages.push({ role: 'user', content: 'Write to me at maria.lopez@fastmail.com.' });
  const response = await send(target, { ...target.json, body: JSON.stringify(body) });
  await response.arrayBuffer();
  const actions = response.headers.get('x-switchyard-guardrails') ?? '';
  if (response.status !== 200 || !actions.includes('pii=warn(input')) {
    throw new Error(`${target.id}: guardrails did not flag an e-mail address (${actions})`);
  }
}

/** Repeats `kind` requests until the answer is a cache hit (the entry is written after the answer). */
export async function warmCache(target: RunningTarget, kind: Kind): Promise<string | null> {
  for (let tries = 0; tries < 200; tries += 1) {
    const response = await send(target, target[kind]);
    await response.arrayBuffer();
    if (response.headers.get('x-switchyard-cache') === 'HIT') {
      return response.headers.get('x-switchyard-cache-key');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${target.id} ${kind}: never became a cache hit`);
}

export interface LatencyFigures {
  total: LatencySummary;
  /** Time to the first body chunk (about `total` for answers in one chunk). */
  firstChunk: LatencySummary;
}

/** One timed operation at concurrency 1: its duration and the time to its first chunk, in ms. */
export type Probe = () => Promise<{ total: number; firstChunk: number }>;

/** One request of `kind` over keep-alive fetch, read to the end. */
export function httpProbe(target: RunningTarget, kind: Kind): Probe {
  return async () => {
    const started = performance.now();
    const response = await send(target, target[kind]);
    if (response.status !== 200) throw new Error(`${target.id} ${kind}: ${response.status}`);
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error(`${target.id} ${kind}: no body`);
    let firstChunk: number | undefined;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      firstChunk ??= performance.now() - started;
    }
    return { total: performance.now() - started, firstChunk: firstChunk ?? Number.NaN };
  };
}

/**
 * Runs each probe `warmup` times unmeasured, then `count` times measured, the probes taking
 * turns in `rounds` rounds so drift on the machine (JIT, other processes) touches all alike.
 */
export async function measureRounds(
  probes: Probe[],
  options: { count: number; warmup: number; rounds: number },
): Promise<LatencyFigures[]> {
  const samples = probes.map(() => ({ total: [] as number[], firstChunk: [] as number[] }));
  for (const probe of probes) {
    for (let index = 0; index < options.warmup; index += 1) await probe();
  }
  const perRound = Math.ceil(options.count / options.rounds);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [index, probe] of probes.entries()) {
      const sample = samples[index] as { total: number[]; firstChunk: number[] };
      for (let request = 0; request < perRound; request += 1) {
        const { total, firstChunk } = await probe();
        sample.total.push(total);
        sample.firstChunk.push(firstChunk);
      }
    }
  }
  return samples.map((sample) => ({
    total: summarize(sample.total),
    firstChunk: summarize(sample.firstChunk),
  }));
}

/** Requests per second at `connections` concurrent keep-alive connections, with autocannon. */
export function measureThroughput(
  target: RunningTarget,
  kind: Kind,
  seconds: number,
  connections: number,
): Promise<Throughput> {
  return load(target, [target[kind]], { seconds, connections });
}

/**
 * autocannon against `target` for `seconds`, each connection cycling through `specs`;
 * `onTick` gets the number of answers of every second.
 */
export function load(
  target: RunningTarget,
  specs: RequestSpec[],
  options: { seconds: number; connections: number; onTick?: (answers: number) => void },
): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        requests: specs.map((spec) => ({ method: 'POST' as const, ...spec })),
        connections: options.connections,
        duration: options.seconds,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSecond: Math.round(result.requests.total / result.duration),
          requests: result.requests.total,
          failures: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    const { onTick } = options;
    if (onTick) {
      // autocannon passes the second's counts to `tick` listeners; its types omit them.
      const listener = (tick: { counter: number }) => onTick(tick.counter);
      instance.on('tick', listener as unknown as () => void);
    }
  });
}
