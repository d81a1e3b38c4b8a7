import { beforeAll, describe, expect, it } from 'vitest';
import {
  alwaysFailing,
  attemptsOf,
  chaosConfig,
  chaosRequests,
  chaosRouting,
  cutTarget,
  inPool,
  type Observation,
  sendChaosRequest,
  unbrokenAnswer,
} from './chaos-fixtures.ts';
import { useRouter } from './fixtures.ts';

/**
 * Requests per runtime, half streamed, half not, split evenly between the two clients: workerd
 * serves them about twice as slowly as Node, so it gets half as many: the file stays well under
 * a minute on two shared cores.
 */
const requestCounts = { node: 1_000, workerd: 500 } as const;
const concurrency = 8;
/** Requests started after this many have ended must find the always-failing circuit open. */
const warmUp = 100;

const isOpenAIStream = ({ request }: Observation) =>
  request.client === 'openai' && request.mode === 'stream';

const endsWithDone = (body: string) => body.trimEnd().endsWith('data: [DONE]');

/** The client saw a complete answer: `stop`, and `[DONE]` ends an OpenAI stream. */
const endedCleanly = (seen: Observation) =>
  seen.finishReason === 'stop' && (!isOpenAIStream(seen) || endsWithDone(seen.body));

/** Every attempt the router reports: the header's, or the AI SDK's log, which adds continuations. */
function attemptsMade(seen: Observation): string[] {
  const logged = (seen.attemptLog ?? []).map(
    ({ target, outcome, status, code }) =>
      `${target}:${outcome === 'ok' ? 'ok' : (status ?? code ?? outcome)}`,
  );
  const headed = attemptsOf(seen.route);
  return logged.length > headed.length ? logged : headed;
}

/** `full`, `clear error`, or what was wrong with the request's end. */
function outcomeOf(seen: Observation): 'full' | 'clear error' | string {
  if (seen.unclear !== undefined) return `not a typed error: ${seen.unclear}`;
  if (seen.error === undefined) {
    if (seen.text === unbrokenAnswer(seen.request) && endedCleanly(seen)) return 'full';
    return `no error, yet text ${JSON.stringify(seen.text)} ended by ${seen.finishReason}`;
  }
  if (typeof seen.error.code !== 'string' || seen.error.code === '') {
    return `an error without a code: ${JSON.stringify(seen.error)}`;
  }
  if (seen.finishReason === 'stop' || (isOpenAIStream(seen) && seen.body.includes('[DONE]'))) {
    return `error ${seen.error.code} after a clean end`;
  }
  return 'clear error';
}

/** `skipped=` lists the always-failing target with its circuit open. */
const skippedAsOpen = new RegExp(`skipped=[^;]*${alwaysFailing}\\(circuit-open\\)`);

const describeRequest = (seen: Observation) =>
  `#${seen.request.index} ${seen.request.client} ${seen.request.mode} (${seen.route})`;

/** Tries of the always-failing target, per request. */
const failingTries = (seen: Observation) =>
  attemptsMade(seen).filter((attempt) => attempt.startsWith(`${alwaysFailing}:`)).length;

/** The line to quote: how the requests ended and what they cost. */
function summaryOf(seen: Observation[], runtime: string): string {
  const outcomes = seen.map(outcomeOf);
  const count = (outcome: string) => outcomes.filter((each) => each === outcome).length;
  const maxAttempts = Math.max(...seen.map((each) => attemptsMade(each).length));
  const tried = seen.reduce((sum, each) => sum + failingTries(each), 0);
  return (
    `chaos: ${seen.length} requests, ${count('full')} full answers, ` +
    `${count('clear error')} clear errors, max attempts ${maxAttempts}, ` +
    `always-failing target tried ${tried} times (${runtime})`
  );
}

describe.each(['node', 'workerd'] as const)(
  'an alias of failing, half-failing, cut and healthy targets on %s',
  (runtime) => {
    const running = useRouter(runtime, chaosConfig);
    const requestCount = requestCounts[runtime];
    let seen: Observation[] = [];

    beforeAll(async () => {
      seen = await inPool(chaosRequests(requestCount), concurrency, (request) =>
        sendChaosRequest(running.router.url, request),
      );
      console.log(summaryOf(seen, runtime));
    }, 120_000);

    it('answers every request with the unbroken text or a typed error, never a hang', () => {
      const wrong = seen
        .map((each) => ({ each, outcome: outcomeOf(each) }))
        .filter(({ outcome }) => outcome !== 'full' && outcome !== 'clear error')
        .map(({ each, outcome }) => `${describeRequest(each)}: ${outcome}`);
      expect(wrong).toEqual([]);
      expect(seen).toHaveLength(requestCount);
    });

    it('never ends a stream cleanly after losing content', () => {
      const streams = seen.filter(({ request }) => request.mode === 'stream');
      const cleanButIncomplete = streams
        .filter(
          (each) => endedCleanly(each) || (isOpenAIStream(each) && each.body.includes('[DONE]')),
        )
        .filter((each) => each.text !== unbrokenAnswer(each.request))
        .map((each) => `${describeRequest(each)}: ${JSON.stringify(each.text)}`);
      expect(cleanButIncomplete).toEqual([]);
    });

    it('splices each cut stream into the unbroken answer', () => {
      // The header goes out when the cut target starts streaming; the rest came from a continuation.
      const continued = seen.filter(
        (each) =>
          each.request.mode === 'stream' && attemptsOf(each.route).at(-1) === `${cutTarget}:ok`,
      );
      expect(continued.length).toBeGreaterThan(0);
      for (const each of continued) {
        expect(each.text, describeRequest(each)).toBe(unbrokenAnswer(each.request));
      }
    });

    // The router allows at least one try per target (more than `maxAttempts` when the alias is
    // longer); with 6 over 4 targets the configured number is the bound.
    it('keeps every request within routing.maxAttempts', () => {
      const over = seen
        .filter((each) => attemptsMade(each).length > chaosRouting.maxAttempts)
        .map((each) => `${describeRequest(each)}: ${attemptsMade(each).join(',')}`);
      expect(over).toEqual([]);
    });

    it('opens the circuit of the always-failing target after the first requests', () => {
      const total = seen.reduce((sum, each) => sum + failingTries(each), 0);
      // It opens after `minRequests` failures; requests already past ordering may each still try it.
      const { minRequests } = chaosRouting.circuitBreaker;
      expect(total).toBeGreaterThanOrEqual(minRequests);
      expect(total).toBeLessThanOrEqual(
        chaosRouting.attemptsPerTarget * (minRequests + concurrency),
      );
      const notSkipped = seen
        .slice(warmUp)
        .filter((each) => failingTries(each) > 0 || !skippedAsOpen.test(each.route ?? ''))
        .map(describeRequest);
      expect(notSkipped).toEqual([]);
    });
  },
);
