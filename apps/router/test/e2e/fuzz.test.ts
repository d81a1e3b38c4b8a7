import { type RunningRouter, startRouter } from '@switchyard/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeOf, type FuzzRequest, fuzzRequest, reachesRouter } from './fuzz-requests.ts';
import { answerProblem } from './hostile-input-answers.ts';
import { hostileAdminKey } from './hostile-input-cases.ts';
import { rawExchange } from './hostile-input-socket.ts';

// Replay a run with FUZZ_SEED=<seed>; FUZZ_RUNS raises the count.
const seed = Number(process.env.FUZZ_SEED ?? 20_260_512);
const runs = Number(process.env.FUZZ_RUNS ?? 3_000);
const concurrency = 6;
const budgetMs = 25_000;

/**
 * Only the mock provider: no target can fail on its own, so any 5xx is the router's. The cache
 * is on so its key (canonical JSON of the call) sees every generated body; responses are kept,
 * so `previous_response_id` is looked up; CORS is on, so `Origin` and preflights are answered.
 */
const fuzzConfig = {
  providers: { mock: { type: 'mock', models: { echo: {} } } },
  cache: { enabled: true },
  models: { chat: { targets: ['mock/echo'] } },
  responses: { storeTtlSeconds: 60 },
  server: {
    maxBodyBytes: 64 * 1024,
    requestLog: false,
    cors: { origins: ['https://app.example'] },
  },
};

let router: RunningRouter;
beforeAll(async () => {
  router = await startRouter('node', { config: fuzzConfig, adminKey: hostileAdminKey });
});
afterAll(() => router?.close());

function serialize(request: FuzzRequest): Buffer {
  const headers = { authorization: `Bearer ${hostileAdminKey}`, ...request.headers };
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, 'host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${body.byteLength}`);
  lines.push('connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body ?? Buffer.alloc(0)]);
}

interface Tally {
  sent: number;
  statuses: Map<number, number>;
  serverErrors: string[];
  /** Refusals in the wrong envelope, or with a secret, internals or a client's request id. */
  improperRefusals: string[];
  unanswered: string[];
}

async function send(request: FuzzRequest, tally: Tally): Promise<void> {
  const response = await rawExchange(router.url, serialize(request), { waitMs: 10_000 });
  tally.sent++;
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  const described = `${response.status} ${JSON.stringify(request).slice(0, 300)} -> ${response.body.slice(0, 200)}`;
  if (response.status === 0 || !response.closed) tally.unanswered.push(described);
  else if (response.status >= 500) tally.serverErrors.push(described);
  else {
    // Node's HTTP parser answers what it refuses itself in the OpenAI envelope, without an id.
    const routed = reachesRouter(request);
    const problem = answerProblem(
      { envelope: routed ? envelopeOf(request) : 'openai', answered: true, routed },
      { status: response.status, header: (name) => response.headers[name], body: response.body },
    );
    if (problem !== undefined) tally.improperRefusals.push(`${problem} <- ${described}`);
  }
}

describe('generated hostile requests against the Node entry', () => {
  it(`answers ${runs} mutated requests to every route with no 5xx and every refusal in its API's envelope`, async () => {
    const requests = fc.sample(fuzzRequest, { seed, numRuns: runs });
    const tally: Tally = {
      sent: 0,
      statuses: new Map(),
      serverErrors: [],
      improperRefusals: [],
      unanswered: [],
    };
    const deadline = Date.now() + budgetMs;
    const queue = [...requests];
    const worker = async () => {
      for (
        let next = queue.shift();
        next !== undefined && Date.now() < deadline;
        next = queue.shift()
      ) {
        await send(next, tally);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
    console.log(
      `fuzz: ${tally.sent} requests, ${tally.serverErrors.length} 5xx, ` +
        `${tally.improperRefusals.length} improper refusals, ${tally.unanswered.length} unanswered ` +
        `(seed ${seed}; statuses ${statuses.join(' ')})`,
    );
    expect(tally.serverErrors.slice(0, 10)).toEqual([]);
    expect(tally.improperRefusals.slice(0, 10)).toEqual([]);
    expect(tally.unanswered.slice(0, 10)).toEqual([]);
    expect(tally.sent).toBe(runs);
  }, 60_000);
});
