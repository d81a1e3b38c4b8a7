import {
  createGateway,
  type SwitchyardAttempt,
  SwitchyardError,
  type SwitchyardProviderMetadata,
} from '@switchyard/ai-sdk-provider';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { adminKey } from './fixtures.ts';

export type Client = 'openai' | 'ai-sdk';
export type Mode = 'stream' | 'generate';

/** The alias every chaos request asks for, and its targets in the order they are tried. */
export const chaosAlias = 'chaos';
export const alwaysFailing = 'mock/down';
export const cutTarget = 'mock/cut';

/** Explicit, so the assertions can quote them; backoff is tiny because the mocks answer at once. */
export const chaosRouting = {
  maxAttempts: 6,
  attemptsPerTarget: 2,
  maxContinuations: 2,
  continueStreams: true,
  backoff: { baseMs: 1, maxMs: 5 },
  // Bounded well under the client's deadline: a stall must end as the router's own error.
  attemptTimeoutMs: 5_000,
  firstTokenTimeoutMs: 5_000,
  streamIdleTimeoutMs: 5_000,
  totalTimeoutMs: 10_000,
  // Opens only on a target that failed every request of its window: the always-failing one,
  // never the half-failing or the cut one, which stay in play for the whole run. The cooldown
  // outlasts the run, so no probe makes the always-failing target's count depend on the clock.
  circuitBreaker: { failureRatio: 1, minRequests: 10, cooldownMs: 600_000 },
};

/** A client's deadline for one whole request, stream included: reaching it counts as a hang. */
export const requestDeadlineMs = 15_000;

export function chaosConfig() {
  return {
    providers: {
      mock: {
        type: 'mock',
        models: {
          down: { errorStatus: 503 },
          flaky: { errorStatus: 503, errorRate: 0.5 },
          cut: { cutAfterChunks: 3 },
          echo: {},
        },
      },
    },
    models: {
      [chaosAlias]: { targets: [alwaysFailing, 'mock/flaky', cutTarget, 'mock/echo'] },
    },
    server: { requestLog: false },
    routing: chaosRouting,
  };
}

export interface ChaosRequest {
  index: number;
  client: Client;
  mode: Mode;
  /** Distinct per request, several words long, so a cut after 3 chunks loses most of it. */
  prompt: string;
}

/**
 * Clients alternate every request and modes every two, so the half-failing target's failures
 * (every other request it sees) land on both clients and both modes alike.
 */
export function chaosRequests(count: number): ChaosRequest[] {
  return Array.from({ length: count }, (_, index) => {
    const client: Client = index % 2 === 0 ? 'openai' : 'ai-sdk';
    const mode: Mode = Math.floor(index / 2) % 2 === 0 ? 'stream' : 'generate';
    const prompt = `chaos request ${index} via ${client} ${mode} alpha bravo charlie delta`;
    return { index, client, mode, prompt };
  });
}

/** Both mocks answer `Echo: <prompt>`: the text one uninterrupted upstream gives. */
export const unbrokenAnswer = (request: ChaosRequest) => `Echo: ${request.prompt}`;

/** What one request looked like from its client and on the wire. */
export interface Observation {
  request: ChaosRequest;
  text: string;
  /** `finish_reason` (OpenAI) or `finishReason` (AI SDK) of the end the client saw, if any. */
  finishReason: string | null | undefined;
  /** A typed error the client surfaced: thrown, or in the stream. */
  error?: { status: number | undefined; code: string | null | undefined };
  /** Anything else the client threw, the request deadline included. */
  unclear?: string;
  /** The HTTP response: `x-switchyard-route` and the raw body. */
  status: number | undefined;
  route: string | null;
  body: string;
  /** `providerMetadata.switchyard.attemptLog` (AI SDK only; lists continuations too). */
  attemptLog?: SwitchyardAttempt[];
}

type Seen = Pick<Observation, 'text' | 'finishReason' | 'error' | 'unclear' | 'attemptLog'>;

/** A fetch that lets the body stream through while keeping a copy of it and the headers. */
function tappingFetch() {
  const tapped = {
    status: undefined as number | undefined,
    route: null as string | null,
    body: '',
  };
  const fetchAndTap = async (
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1],
  ): Promise<Response> => {
    const response = await fetch(input, init);
    tapped.status = response.status;
    tapped.route = response.headers.get('x-switchyard-route');
    if (response.body === null) return response;
    const decoder = new TextDecoder();
    const copy = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        tapped.body += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(copy), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: fetchAndTap, tapped };
}

type Runner = (
  routerURL: string,
  request: ChaosRequest,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal,
) => Promise<Seen>;

const viaOpenAI: Runner = async (routerURL, { mode, prompt }, fetch, signal) => {
  const client = new OpenAI({ baseURL: `${routerURL}/v1`, apiKey: adminKey, maxRetries: 0, fetch });
  const messages = [{ role: 'user' as const, content: prompt }];
  const seen: Seen = { text: '', finishReason: undefined };
  try {
    if (mode === 'generate') {
      const completion = await client.chat.completions.create(
        { model: chaosAlias, messages },
        { signal },
      );
      seen.text = completion.choices?.[0]?.message.content ?? '';
      seen.finishReason = completion.choices?.[0]?.finish_reason;
    } else {
      const stream = await client.chat.completions.create(
        { model: chaosAlias, messages, stream: true },
        { signal },
      );
      for await (const chunk of stream) {
        seen.text += chunk.choices[0]?.delta.content ?? '';
        seen.finishReason = chunk.choices[0]?.finish_reason ?? seen.finishReason;
      }
    }
  } catch (caught) {
    const typed =
      caught instanceof OpenAI.APIError &&
      !(caught instanceof OpenAI.APIConnectionError) &&
      !(caught instanceof OpenAI.APIUserAbortError);
    if (typed) seen.error = { status: caught.status, code: caught.code };
    else seen.unclear = String(caught);
  }
  return seen;
};

const switchyardOf = (metadata: unknown) =>
  (metadata as { switchyard?: SwitchyardProviderMetadata } | undefined)?.switchyard;

const viaAISDK: Runner = async (routerURL, { mode, prompt }, fetch, signal) => {
  const gateway = createGateway({ baseURL: `${routerURL}/v1/ai`, apiKey: adminKey, fetch });
  const model = gateway(chaosAlias);
  const seen: Seen = { text: '', finishReason: undefined };
  const observeError = (caught: unknown) => {
    if (SwitchyardError.isInstance(caught)) {
      seen.error = { status: caught.statusCode, code: caught.code };
    } else seen.unclear = String(caught);
  };
  try {
    if (mode === 'generate') {
      const result = await generateText({ model, prompt, maxRetries: 0, abortSignal: signal });
      seen.text = result.text;
      seen.finishReason = result.finishReason;
      seen.attemptLog = switchyardOf(result.providerMetadata)?.attemptLog;
      return seen;
    }
    const result = streamText({
      model,
      prompt,
      maxRetries: 0,
      abortSignal: signal,
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') seen.text += part.text;
      else if (part.type === 'error') observeError(part.error);
      else if (part.type === 'abort') seen.unclear = 'the stream was aborted';
      else if (part.type === 'finish-step') {
        seen.attemptLog = switchyardOf(part.providerMetadata)?.attemptLog;
      } else if (part.type === 'finish') seen.finishReason = part.finishReason;
    }
  } catch (caught) {
    observeError(caught);
  }
  return seen;
};

const runners: Record<Client, Runner> = { openai: viaOpenAI, 'ai-sdk': viaAISDK };

/** Sends one request through its client, bounded by `requestDeadlineMs`. */
export async function sendChaosRequest(
  routerURL: string,
  request: ChaosRequest,
): Promise<Observation> {
  const { fetch, tapped } = tappingFetch();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), requestDeadlineMs);
  try {
    const seen = await runners[request.client](routerURL, request, fetch, deadline.signal);
    if (deadline.signal.aborted) seen.unclear = `no end within ${requestDeadlineMs} ms`;
    return { request, ...seen, ...tapped };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items`, at most `concurrency` at a time, starting them in order. */
export async function inPool<Item, Result>(
  items: Item[],
  concurrency: number,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** `attempts=a:503:3ms,b:ok:5ms` as `a:503`, `b:ok`; target ids never hold `:`. */
export function attemptsOf(route: string | null): string[] {
  const attempts = route?.split('attempts=')[1]?.split(';')[0] ?? '';
  return [...attempts.matchAll(/([^:,]+):([^:,]+):\d+ms/g)].map(
    ([, target, result]) => `${target}:${result}`,
  );
}
