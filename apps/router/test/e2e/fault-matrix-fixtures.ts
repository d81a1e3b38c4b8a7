import { createServer } from 'node:net';
import type { MockUpstream } from '@switchyard/testkit';

export type Mode = 'stream' | 'generate';
export type Client = 'openai' | 'ai-sdk';
export type Shape = 'single target' | 'with fallback';

/** Every fallback alias ends in this target, on another upstream wire format than the faulty one. */
export const healthyTarget = 'anthropic/claude-sonnet-4-5';

/** Small router deadlines, so every fault resolves within about two seconds. */
export const routingPolicy = {
  attemptTimeoutMs: 1_500,
  firstTokenTimeoutMs: 1_000,
  streamIdleTimeoutMs: 1_500,
  attemptsPerTarget: 2,
  maxAttempts: 6,
  // Far beyond every case's test timeout: a hang must fail the test, not end in a router 504.
  totalTimeoutMs: 30_000,
  backoff: { baseMs: 10, maxMs: 50 },
  maxRetryAfterMs: 2_000,
  continueStreams: true,
};

/**
 * How a case must end. `attempts` are the router's tries as `x-switchyard-route` lists them
 * when the response starts, each `faulty|healthy:<ok|status|code>`; `atLeastMs` is the deadline
 * or Retry-After that must have passed before the end.
 */
export type Outcome = { attempts: string[]; atLeastMs?: number } & (
  | { end: 'answer'; servedBy: 'faulty' | 'healthy' }
  | { end: 'continued'; partial: (prompt: string) => string }
  | { end: 'error'; status: number; code: string }
  | { end: 'in-band error' }
);

const faulty = (results: string[]) => results.map((result) => `faulty:${result}`);

const failsOver = (failed: string[], atLeastMs?: number): Outcome => ({
  end: 'answer',
  servedBy: 'healthy',
  attempts: [...faulty(failed), 'healthy:ok'],
  atLeastMs,
});

const fails = (status: number, code: string, failed: string[], atLeastMs?: number): Outcome => ({
  end: 'error',
  status,
  code,
  attempts: faulty(failed),
  atLeastMs,
});

/** The fault does not apply in this mode: the faulty target answers in full. */
const answersAnyway = (atLeastMs?: number): Outcome => ({
  end: 'answer',
  servedBy: 'faulty',
  attempts: ['faulty:ok'],
  atLeastMs,
});

/** The stream started on the faulty target; the healthy one continues after `partial`. */
const continues = (partial: (prompt: string) => string): Outcome => ({
  end: 'continued',
  partial,
  attempts: ['faulty:ok'],
});

/**
 * The stream started, then failed: OpenAI clients get a `finish_reason: "error"` chunk and an
 * error event instead of `[DONE]`; AI SDK clients an error part (a stream that merely lacked
 * its finish too: it lost its end).
 */
const inBandError = (): Outcome => ({
  end: 'in-band error',
  attempts: ['faulty:ok'],
});

/** The mock echoes `Echo: <prompt>` one word per event; `cutAfter=2` sends the first two. */
const echoed = (prompt: string) => `Echo: ${prompt}`;
const firstTwoWords = (prompt: string) => `Echo: ${prompt.split(' ')[0]} `;

interface Fault {
  fault: string;
  /** `refused` is a provider whose baseURL is a closed loopback port. */
  provider: 'openai-chat' | 'refused';
  /** The mock upstream's `~scenario` for the faulty target. */
  scenario: string;
  outcomes: Record<Mode, Record<Shape, Outcome>>;
}

const sameInBothModes = (single: Outcome, withFallback: Outcome) => ({
  stream: { 'single target': single, 'with fallback': withFallback },
  generate: { 'single target': single, 'with fallback': withFallback },
});

/** The fault matrix: each fault, per mode and shape, and how it must end. */
export const faults: Fault[] = [
  {
    fault: '5xx',
    provider: 'openai-chat',
    scenario: 'status=503',
    outcomes: sameInBothModes(
      fails(502, 'upstream_503', ['503', '503']),
      failsOver(['503', '503']),
    ),
  },
  {
    // Retry-After is waited out only on the last target; while another can serve, it moves on.
    fault: '429 with Retry-After',
    provider: 'openai-chat',
    scenario: 'status=429,retryAfter=1',
    outcomes: sameInBothModes(
      fails(429, 'upstream_429', ['429', '429'], 1_000),
      failsOver(['429']),
    ),
  },
  {
    fault: 'connection refused',
    provider: 'refused',
    scenario: '',
    outcomes: sameInBothModes(
      fails(502, 'upstream_unreachable', ['upstream_unreachable', 'upstream_unreachable']),
      failsOver(['upstream_unreachable', 'upstream_unreachable']),
    ),
  },
  {
    // A timeout is not retried on the same target; a stream is bounded by the first-token deadline.
    fault: 'timeout before headers',
    provider: 'openai-chat',
    scenario: 'hang=1',
    outcomes: {
      stream: {
        'single target': fails(504, 'upstream_timeout', ['504'], 1_000),
        'with fallback': failsOver(['504'], 1_000),
      },
      generate: {
        'single target': fails(504, 'upstream_timeout', ['504'], 1_500),
        'with fallback': failsOver(['504'], 1_500),
      },
    },
  },
  {
    // Without a stream the body is merely late (1.2 s), within the 1.5 s attempt deadline.
    fault: 'slow first token',
    provider: 'openai-chat',
    scenario: 'ttft=1200',
    outcomes: {
      stream: {
        'single target': fails(504, 'upstream_timeout', ['504'], 1_000),
        'with fallback': failsOver(['504'], 1_000),
      },
      generate: { 'single target': answersAnyway(1_200), 'with fallback': answersAnyway(1_200) },
    },
  },
  {
    // The mock cuts only streams; a JSON answer is sent whole.
    fault: 'mid-stream cut',
    provider: 'openai-chat',
    scenario: 'cutAfter=2',
    outcomes: {
      stream: { 'single target': inBandError(), 'with fallback': continues(firstTwoWords) },
      generate: { 'single target': answersAnyway(), 'with fallback': answersAnyway() },
    },
  },
  {
    // A stream gets one garbage event after its first word; a JSON body is cut mid-value. An
    // unreadable 200 is a retryable `upstream_invalid_response`, like any unreadable answer.
    fault: 'malformed JSON',
    provider: 'openai-chat',
    scenario: 'malformed=1',
    outcomes: {
      stream: { 'single target': inBandError(), 'with fallback': continues(() => 'Echo: ') },
      generate: {
        'single target': fails(502, 'upstream_invalid_response', [
          'upstream_invalid_response',
          'upstream_invalid_response',
        ]),
        'with fallback': failsOver(['upstream_invalid_response', 'upstream_invalid_response']),
      },
    },
  },
  {
    // The stream sends every word but ends without its finish events; JSON bodies are whole.
    // An unfinished stream failed after it started, so with a fallback it continues there.
    fault: 'truncated SSE',
    provider: 'openai-chat',
    scenario: 'truncate=1',
    outcomes: {
      stream: {
        // A stream that ends without its finish lost its end: an error part, never a finish.
        'single target': inBandError(),
        'with fallback': continues(echoed),
      },
      generate: { 'single target': answersAnyway(), 'with fallback': answersAnyway() },
    },
  },
];

export interface FaultCase {
  fault: string;
  mode: Mode;
  shape: Shape;
  client: Client;
  /** What the client asks for: the faulty target itself, or an alias `[faulty, healthy]`. */
  model: string;
  faultyTarget: string;
  /** Unique per case, so the upstream request of a case can be found by it. */
  prompt: string;
  expected: Outcome;
  /** `fault · mode · shape → expected outcome`, the test name. */
  title: string;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function describeOutcome(outcome: Outcome): string {
  switch (outcome.end) {
    case 'answer': {
      const failed = outcome.attempts.length - 1;
      return outcome.servedBy === 'healthy'
        ? `answer from the fallback after ${failed} failed attempt${failed === 1 ? '' : 's'}`
        : 'answer from the faulty target itself';
    }
    case 'continued':
      return 'continued seamlessly on the fallback';
    case 'error':
      return `error ${outcome.status} ${outcome.code}`;
    case 'in-band error':
      return 'in-band error after the stream started';
  }
}

/** Fault × mode × shape × client, each with its own model ids and prompt. */
export const faultCases: FaultCase[] = faults.flatMap((fault) =>
  (['stream', 'generate'] as const).flatMap((mode) =>
    (['single target', 'with fallback'] as const).flatMap((shape) =>
      (['openai', 'ai-sdk'] as const).map((client) => {
        const id = `fm-${slug(fault.fault)}-${mode}-${client}-${shape === 'single target' ? 'single' : 'fallback'}`;
        const faultyTarget = `${fault.provider}/${id}${fault.scenario === '' ? '' : `~${fault.scenario}`}`;
        const expected = fault.outcomes[mode][shape];
        return {
          fault: fault.fault,
          mode,
          shape,
          client,
          model: shape === 'single target' ? faultyTarget : id,
          faultyTarget,
          prompt: `${id} one two three`,
          expected,
          title: `${fault.fault} · ${mode} · ${shape} → ${describeOutcome(expected)}`,
        };
      }),
    ),
  ),
);

/**
 * A stream that fails after its first word but would go on for another ~0.7 s, continued by a
 * fallback that takes ~1.5 s: left uncancelled, the faulty stream ends cleanly before the answer.
 */
export const abandonedStream = {
  model: 'fm-abandoned',
  prompt: 'abandoned one two three four five six seven eight nine ten',
  targets: [
    'openai-chat/fm-abandoned~malformed=1,chunkDelay=50',
    'anthropic/claude-haiku-4-5-abandoned~chunkDelay=100',
  ],
};

/** The router configuration: the upstream formats, a refusing provider, one alias per case. */
export function faultMatrixConfig(upstream: MockUpstream, refusedPort: number) {
  const aliases = faultCases
    .filter((faultCase) => faultCase.shape === 'with fallback')
    .map((faultCase) => [faultCase.model, { targets: [faultCase.faultyTarget, healthyTarget] }]);
  aliases.push([abandonedStream.model, { targets: abandonedStream.targets }]);
  return {
    providers: {
      'openai-chat': {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
      anthropic: { type: 'anthropic', baseURL: upstream.baseURLs.anthropic, apiKey: 'test-key' },
      refused: {
        type: 'openai',
        api: 'chat',
        baseURL: `http://127.0.0.1:${refusedPort}/v1`,
        apiKey: 'test-key',
      },
    },
    models: Object.fromEntries(aliases),
    server: { requestLog: false },
    routing: routingPolicy,
  };
}

/** A loopback port nothing listens on: it was free a moment ago and has been closed again. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface Exchange {
  status: number;
  headers: Headers;
  /** The whole raw body, as the router sent it. */
  body: string;
}

/**
 * A `fetch` that reads each response to its end before the client sees it, and keeps its
 * status, headers and raw body for wire checks. A router that never ends a response hangs it.
 */
export function recordingFetch() {
  const exchanges: Exchange[] = [];
  const recording = async (
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1],
  ): Promise<Response> => {
    const response = await fetch(input, init);
    const body = await response.text();
    exchanges.push({ status: response.status, headers: response.headers, body });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: recording, exchanges };
}
