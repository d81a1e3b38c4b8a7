import type { MockUpstream } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { readSSE } from '../support/read-sse.ts';
import { adminKey, useRouter } from './fixtures.ts';

/** Faults the routing core must survive, each found by a review and reproduced over HTTP. */
function routingCoreConfig(upstream: MockUpstream) {
  return {
    providers: {
      mock: {
        type: 'mock',
        models: {
          echo: {},
          down: { errorStatus: 503 },
          lonely: { errorStatus: 503 },
          cut: { cutAfterChunks: 2 },
          'cut-a': { cutAfterChunks: 1 },
          'cut-b': { cutAfterChunks: 1 },
          'cut-again': { cutAfterChunks: 2 },
          slow: { chunkDelayMs: 60 },
        },
      },
      openai: {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
        allowRequestKeys: true,
      },
      anthropic: { type: 'anthropic', baseURL: upstream.baseURLs.anthropic, apiKey: 'test-key' },
      google: { type: 'google', baseURL: upstream.baseURLs.google, apiKey: 'test-key' },
    },
    models: {
      'down-then-echo': { targets: ['mock/down', 'mock/echo'] },
      'lonely-then-echo': { targets: ['mock/lonely', 'mock/echo'] },
      'cut-loop': { targets: ['mock/cut-a', 'mock/cut-b'] },
      'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
      'cut-then-openai': { targets: ['mock/cut-again', 'openai/gpt-4o'] },
      'openai-cut-then-anthropic': {
        targets: ['openai/gpt-4o~cutAfter=3', 'anthropic/claude-sonnet-4-5'],
      },
      byok: { targets: ['openai/gpt-4o~status=401', 'mock/echo'], strategy: 'health' },
      'slow-cached': { targets: ['mock/slow'], cache: { enabled: true } },
    },
    server: { requestLog: false },
    routing: {
      circuitBreaker: { minRequests: 5, cooldownMs: 600_000 },
      // Scores by uptime alone and no exploration: the order changes only if health does.
      health: { weights: { uptime: 1, throughput: 0, price: 0, latency: 0 }, exploration: 0 },
    },
  };
}

const running = useRouter('node', routingCoreConfig);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${running.router.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${adminKey}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });

const chat = (model: string, text: string, extra: Record<string, unknown> = {}, headers = {}) =>
  post(
    '/v1/chat/completions',
    { model, messages: [{ role: 'user', content: text }], ...extra },
    headers,
  );

/** The `attempts=` entries of `x-switchyard-route`, e.g. `mock/down:503`. */
const attemptsOf = (response: Response) =>
  [
    ...(response.headers.get('x-switchyard-route')?.split('attempts=')[1] ?? '').matchAll(
      /([^,]+):([^:,]+):\d+ms/g,
    ),
  ].map(([, target, result]) => `${target}:${result}`);

/** Text and the error/`[DONE]` ending of an OpenAI chat stream. */
async function readChatStream(response: Response) {
  const events = await readSSE(response);
  const chunks = events.filter((data) => data !== '[DONE]').map((data) => JSON.parse(data));
  return {
    text: chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join(''),
    done: events.at(-1) === '[DONE]',
    error: chunks.find((chunk) => chunk.error !== undefined)?.error,
  };
}

describe('the circuit breaker', () => {
  it('opens for an ordered alias: an always-failing target stops being tried', async () => {
    let downAttempts = 0;
    for (let request = 0; request < 40; request++) {
      const response = await chat('down-then-echo', `breaker ${request}`);
      expect(response.status).toBe(200);
      downAttempts += attemptsOf(response).filter((attempt) =>
        attempt.startsWith('mock/down'),
      ).length;
    }
    // Two tries a request until five failures open it; 80 when it never opens.
    expect(downAttempts).toBeLessThanOrEqual(10);
  });

  it('counts failures of a target requested on its own', async () => {
    for (let request = 0; request < 6; request++) await chat('mock/lonely', `alone ${request}`);
    const response = await chat('lonely-then-echo', 'after');
    expect(response.headers.get('x-switchyard-route')).toContain('mock/lonely(circuit-open)');
  });

  it("never charges a caller's refused key to the shared provider", async () => {
    for (let request = 0; request < 6; request++) {
      const response = await chat(
        'byok',
        `mine ${request}`,
        {},
        {
          'x-switchyard-provider-keys': JSON.stringify({ openai: 'sk-not-valid' }),
        },
      );
      expect(response.status).toBe(200);
      // A refused request key is not retried on the same target.
      expect(attemptsOf(response)).toEqual(['openai/gpt-4o~status=401:401', 'mock/echo:ok']);
    }
    const shared = await chat('byok', 'the gateway key');
    expect(shared.headers.get('x-switchyard-route')).not.toContain('circuit-open');
    expect(attemptsOf(shared)[0]).toMatch(/^openai\/gpt-4o~status=401:/);
  });
});

describe('requests a provider package refuses before any HTTP call', () => {
  it('answer 400, without retries or an upstream request', async () => {
    const before = running.upstream.requests.length;
    const response = await post(
      '/v1/ai/language-model',
      {
        prompt: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'video/mp4',
                data: { type: 'data', data: 'AAAAIGZ0eXBpc29t' },
              },
            ],
          },
        ],
      },
      {
        'ai-language-model-id': 'openai/gpt-4o',
        'ai-language-model-streaming': 'false',
        'ai-gateway-protocol-version': '0.0.1',
        'ai-language-model-specification-version': '4',
      },
    );
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect([response.status, body.error.code, body.error.message]).toEqual([
      400,
      'unsupported_by_provider',
      expect.stringContaining("Provider 'openai' cannot serve this request"),
    ]);
    expect(running.upstream.requests.length).toBe(before);
  });
});

describe('mid-stream continuation', () => {
  it('is bounded: targets that keep failing end the stream with an error, not a loop', async () => {
    const response = await chat('cut-loop', 'one two three four five six seven', { stream: true });
    const read = await readChatStream(response);
    expect(read.done).toBe(false);
    expect(read.error).toBeDefined();
    expect(attemptsOf(response).length).toBeLessThanOrEqual(6);
  });

  it('splices an answer equal to the unbroken one, and charges the cut target with the failure', async () => {
    for (let request = 0; request < 7; request++) {
      const response = await chat('cut-then-echo', `splice number ${request} of seven`, {
        stream: true,
      });
      const read = await readChatStream(response);
      expect(read).toMatchObject({ text: `Echo: splice number ${request} of seven`, done: true });
    }
    const after = await chat('cut-then-echo', 'after the cuts', { stream: true });
    expect(after.headers.get('x-switchyard-route')).toContain('mock/cut(circuit-open)');
    expect((await readChatStream(after)).text).toBe('Echo: after the cuts');
  });

  it('never continues on a target that answers a prefill afresh', async () => {
    const response = await chat('cut-then-openai', 'alpha beta gamma delta', { stream: true });
    const read = await readChatStream(response);
    expect(read.done).toBe(false);
    expect(read.error).toBeDefined();
    expect(read.text).not.toContain('Echo: alpha beta gamma delta');
  });

  it('continues across wire formats without doubling the whitespace at the seam', async () => {
    const prompt = 'one two three four five six seven eight';
    const response = await chat('openai-cut-then-anthropic', prompt, { stream: true });
    const read = await readChatStream(response);
    expect(read).toMatchObject({ text: `Echo: ${prompt}`, done: true });
  });
});

describe('model ids from the request', () => {
  it.each([
    'google/x/../../v1beta/cachedContents?',
    'openai/../../../openai/files?x=',
    'openai/gpt-4o%2F..',
    'openai/gpt\u00e9',
    'openai/gpt 4o',
  ])('are refused with a 400 before any upstream call: %s', async (model) => {
    const before = running.upstream.requests.length;
    const response = await chat(model, 'hi');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_model_id',
    );
    const fallback = await chat('mock/echo', 'hi', { models: [model] });
    expect(fallback.status).toBe(400);
    expect(running.upstream.requests.length).toBe(before);
  });
});

describe('single flight', () => {
  it("does not make a stream follower wait for its leader's whole stream", async () => {
    const body = { stream: true };
    const text = 'a follower should not wait for the whole answer of its leader here';
    let leaderEnded = 0;
    const leader = chat('slow-cached', text, body).then(async (response) => {
      await readSSE(response);
      leaderEnded = Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const follower = await chat('slow-cached', text, body);
    const reader = follower.body?.getReader();
    await reader?.read();
    const followerFirstByte = Date.now();
    await reader?.cancel();
    await leader;
    expect(followerFirstByte).toBeLessThan(leaderEnded);
  });
});
