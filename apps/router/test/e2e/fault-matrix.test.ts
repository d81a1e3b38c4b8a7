import {
  createGateway,
  SwitchyardError,
  type SwitchyardProviderMetadata,
} from '@switchyard/ai-sdk-provider';
import {
  type MockUpstream,
  type RunningRouter,
  startMockUpstream,
  startRouter,
} from '@switchyard/testkit';
import { APICallError, generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, type ExpectStatic, it, vi } from 'vitest';
import {
  abandonedStream,
  type Client,
  closedLoopbackPort,
  type FaultCase,
  faultCases,
  faultMatrixConfig,
  healthyTarget,
  recordingFetch,
} from './fault-matrix-fixtures.ts';
import { adminKey } from './fixtures.ts';

/** Well above the slowest expected end (Retry-After 1 s + retry), well under the router's total. */
const caseTimeoutMs = 8_000;

/** What one case looked like from the client and on the wire. */
interface Observation {
  status: number;
  /** `x-switchyard-route` attempts as `faulty|healthy:<ok|status|code>`. */
  attempts: string[];
  provider: string | null;
  /** The raw response body. */
  body: string;
  text: string;
  finishReason: string | null | undefined;
  /** The error the client surfaced: thrown, or an `error` part of the stream. */
  error: { status: number | undefined; code: string | null | undefined } | undefined;
  /** `providerMetadata.switchyard` (AI SDK only). */
  switchyard?: SwitchyardProviderMetadata;
  elapsedMs: number;
}

type ClientObservation = Pick<Observation, 'text' | 'finishReason' | 'error' | 'switchyard'>;

const roleOf = (target: string) => (target === healthyTarget ? 'healthy' : 'faulty');

/** Reads `attempts=a:503:3ms,b:ok:5ms`; target ids may hold `,` and `=` but never `:`. */
function attemptsOf(route: string | null): string[] {
  const attempts = route?.split('attempts=')[1] ?? '';
  return [...attempts.matchAll(/([^:]+):([^:]+):\d+ms,?/g)].map(
    ([, target = '', result]) => `${roleOf(target)}:${result}`,
  );
}

async function observe(
  faultCase: FaultCase,
  run: (fetch: typeof globalThis.fetch) => Promise<ClientObservation>,
): Promise<Observation> {
  const recorder = recordingFetch();
  const started = Date.now();
  const seen = await run(recorder.fetch);
  const elapsedMs = Date.now() - started;
  const exchange = recorder.exchanges.at(-1);
  if (exchange === undefined) throw new Error(`no request was sent for ${faultCase.model}`);
  return {
    ...seen,
    status: exchange.status,
    attempts: attemptsOf(exchange.headers.get('x-switchyard-route')),
    provider: exchange.headers.get('x-switchyard-provider'),
    body: exchange.body,
    elapsedMs,
  };
}

const runners: Record<
  Client,
  (
    routerURL: string,
    faultCase: FaultCase,
    fetch: typeof globalThis.fetch,
  ) => Promise<ClientObservation>
> = {
  openai: async (routerURL, { mode, model, prompt }, fetch) => {
    const client = new OpenAI({
      baseURL: `${routerURL}/v1`,
      apiKey: adminKey,
      maxRetries: 0,
      fetch,
    });
    const messages = [{ role: 'user' as const, content: prompt }];
    const seen: ClientObservation = { text: '', finishReason: undefined, error: undefined };
    try {
      if (mode === 'generate') {
        const completion = await client.chat.completions.create({ model, messages });
        // Optional: a router bug may answer 200 with an error envelope instead of a completion.
        const choice = completion.choices?.[0];
        seen.text = choice?.message.content ?? '';
        seen.finishReason = choice?.finish_reason;
      } else {
        const stream = await client.chat.completions.create({ model, messages, stream: true });
        for await (const chunk of stream) {
          seen.text += chunk.choices[0]?.delta.content ?? '';
          seen.finishReason = chunk.choices[0]?.finish_reason ?? seen.finishReason;
        }
      }
    } catch (caught) {
      if (!(caught instanceof OpenAI.APIError)) throw caught;
      seen.error = { status: caught.status, code: caught.code };
    }
    return seen;
  },

  'ai-sdk': async (routerURL, { mode, model, prompt }, fetch) => {
    const gateway = createGateway({ baseURL: `${routerURL}/v1/ai`, apiKey: adminKey, fetch });
    const asObserved = (caught: unknown) => {
      if (SwitchyardError.isInstance(caught))
        return { status: caught.statusCode, code: caught.code };
      // E.g. a 200 whose body is an error envelope: kept, so the assertion shows what came back.
      if (APICallError.isInstance(caught)) {
        return { status: caught.statusCode, code: `not a Switchyard error: ${caught.message}` };
      }
      throw caught;
    };
    const switchyardOf = (metadata: unknown) =>
      (metadata as { switchyard?: SwitchyardProviderMetadata } | undefined)?.switchyard;
    const seen: ClientObservation = { text: '', finishReason: undefined, error: undefined };
    if (mode === 'generate') {
      try {
        const result = await generateText({ model: gateway(model), prompt, maxRetries: 0 });
        seen.text = result.text;
        seen.finishReason = result.finishReason;
        seen.switchyard = switchyardOf(result.providerMetadata);
      } catch (caught) {
        seen.error = asObserved(caught);
      }
      return seen;
    }
    const result = streamText({ model: gateway(model), prompt, maxRetries: 0, onError: () => {} });
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') seen.text += part.text;
      if (part.type === 'error') seen.error = asObserved(part.error);
      if (part.type === 'finish-step') seen.switchyard = switchyardOf(part.providerMetadata);
      if (part.type === 'finish') seen.finishReason = part.finishReason;
    }
    return seen;
  },
};

interface Check {
  expect: ExpectStatic;
  faultCase: FaultCase;
  seen: Observation;
  upstream: MockUpstream;
}

const endsWithDone = (body: string) => body.trimEnd().endsWith('data: [DONE]');

/** Any outcome: the attempts the router reports, and the deadline or Retry-After it kept. */
function expectOutcome(check: Check) {
  const { expect, faultCase, seen } = check;
  expect(seen.attempts).toEqual(faultCase.expected.attempts);
  expect(seen.elapsedMs).toBeGreaterThanOrEqual((faultCase.expected.atLeastMs ?? 0) - 20);
  switch (faultCase.expected.end) {
    case 'answer':
      return expectCleanFinish(check, faultCase.expected.servedBy, `Echo: ${faultCase.prompt}`);
    case 'continued':
      return expectContinued(check, faultCase.expected.partial(faultCase.prompt));
    case 'error':
      return expectError(check, faultCase.expected.status, faultCase.expected.code);
    case 'in-band error':
      return expectInBandError(check);
  }
}

/** The whole text and a `stop` finish, and the serving provider in headers and metadata. */
function expectCleanFinish(
  { expect, faultCase, seen }: Check,
  servedBy: 'faulty' | 'healthy',
  text: string,
) {
  expect(seen.error).toBeUndefined();
  expect(seen.status).toBe(200);
  expect(seen.text).toBe(text);
  expect(seen.finishReason).toBe('stop');
  const served = servedBy === 'healthy' ? healthyTarget : faultCase.faultyTarget;
  expect(seen.provider).toBe(served.split('/')[0]);
  if (faultCase.client === 'openai' && faultCase.mode === 'stream') {
    expect(endsWithDone(seen.body)).toBe(true);
  }
  if (faultCase.client === 'ai-sdk') {
    // The header went out before a takeover; the metadata is written at the finish, so it names
    // the target that finished the stream and lists the continuation's attempt too.
    const finishedBy =
      faultCase.expected.end === 'continued' ? healthyTarget.split('/')[0] : seen.provider;
    expect(seen.switchyard?.provider).toBe(finishedBy);
    const continuation = faultCase.expected.end === 'continued' ? ['healthy:ok'] : [];
    const logged = (seen.switchyard?.attemptLog ?? []).map(
      ({ target, outcome, status, code }) =>
        `${roleOf(target)}:${outcome === 'ok' ? 'ok' : (status ?? code)}`,
    );
    expect(logged).toEqual([...faultCase.expected.attempts, ...continuation]);
  }
}

/** Partial text from the faulty target, then the healthy one's answer, asked with a prefill. */
function expectContinued(check: Check, partial: string) {
  const { expect, faultCase, upstream } = check;
  // The healthy target continues the prefill: the spliced text is one unbroken answer.
  expectCleanFinish(check, 'faulty', `Echo: ${faultCase.prompt}`);
  const continuation = upstream.requests.find(
    (request) =>
      request.path.endsWith('/messages') && JSON.stringify(request.body).includes(faultCase.prompt),
  );
  const messages = continuation?.body.messages as unknown[] | undefined;
  // The Anthropic package trims a final assistant prefill, as the Messages API requires.
  expect(messages?.at(-1)).toMatchObject({
    role: 'assistant',
    content: [{ type: 'text', text: partial.trim() }],
  });
}

/** Nothing was sent before the failure: the right status and our envelope's code. */
function expectError({ expect, seen }: Check, status: number, code: string) {
  expect(seen.status).toBe(status);
  expect(seen.error).toEqual({ status, code });
  expect(JSON.parse(seen.body)).toMatchObject({ error: { code } });
  expect(seen.text).toBe('');
}

/** The stream started and then failed: never a `[DONE]` or a `stop` finish. */
function expectInBandError({ expect, faultCase, seen }: Check) {
  expect(seen.status).toBe(200);
  expect(seen.text.startsWith('Echo: ')).toBe(true);
  expect(seen.finishReason).not.toBe('stop');
  if (faultCase.client === 'openai') {
    expect(seen.finishReason).toBe('error');
    expect(seen.error).toEqual({ status: undefined, code: 'stream_interrupted' });
    expect(seen.body).not.toContain('[DONE]');
  } else {
    expect(seen.error).toEqual({ status: undefined, code: 'stream_interrupted' });
  }
}

describe.each(['node', 'workerd'] as const)('the fault matrix on %s', (runtime) => {
  let upstream: MockUpstream;
  let router: RunningRouter;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    router = await startRouter(runtime, {
      config: faultMatrixConfig(upstream, await closedLoopbackPort()),
      adminKey,
    });
  });
  afterAll(async () => {
    await router?.close();
    await upstream?.close();
  });

  describe.each(['openai', 'ai-sdk'] as const)('through the %s client', (client) => {
    const rows = faultCases
      .filter((faultCase) => faultCase.client === client)
      .map((faultCase) => [faultCase.title, faultCase] as const);
    it.concurrent.for(rows)('%s', { timeout: caseTimeoutMs }, async ([, faultCase], { expect }) => {
      const seen = await observe(faultCase, (fetch) =>
        runners[client](router.url, faultCase, fetch),
      );
      expectOutcome({ expect, faultCase, seen, upstream });
    });
  });

  // Runs after the concurrent matrix, so the upstream's abort count is this test's alone.
  it('cancels the faulty upstream stream once the fallback has taken over', {
    timeout: caseTimeoutMs,
  }, async ({ expect }) => {
    const abortedBefore = upstream.aborted;
    const client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: abandonedStream.model,
      messages: [{ role: 'user', content: abandonedStream.prompt }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';

    expect(text).toBe(`Echo: ${abandonedStream.prompt}`);
    await vi.waitFor(() => expect(upstream.aborted).toBe(abortedBefore + 1), {
      timeout: 500,
      interval: 20,
    });
  });
});
