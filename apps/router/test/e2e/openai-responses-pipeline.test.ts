import type { MockUpstream } from '@switchyard/testkit';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, useRouter } from './fixtures.ts';

/** The fixtures' providers, an alias whose answers are cached, and responses kept a minute. */
function pipelineConfig(upstream: MockUpstream) {
  const base = upstreamConfig(upstream);
  return {
    ...base,
    models: {
      ...base.models,
      'cached-claude': { targets: ['anthropic/claude-sonnet-4-5'], cache: { enabled: true } },
    },
    responses: { storeTtlSeconds: 60 },
  };
}

/** Routing, cache and limits come from the pipeline, so the Responses API has them too. */
describe.each(['node', 'workerd'] as const)('the Responses API pipeline on %s', (runtime) => {
  const running = useRouter(runtime, pipelineConfig);
  let client: OpenAI;
  const anthropicCalls = () => running.upstream.requestCounts['/v1/messages'] ?? 0;

  beforeAll(() => {
    client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
  });

  it('fails over from a failing target before the stream starts, and says so in the headers', async () => {
    const { data: stream, response } = await client.responses
      .create({ model: 'failover-chat', input: 'still there?', stream: true })
      .withResponse();
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('Echo: still there?');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    // mock/down is retried once before the router fails over.
    expect(response.headers.get('x-switchyard-attempts')).toBe('3');
    expect(response.headers.get('x-switchyard-provider')).toBe('anthropic');
    expect(response.headers.get('x-switchyard-route')).toMatch(
      /mock\/down:503:\d+ms,mock\/down:503:\d+ms,anthropic\/claude-sonnet-4-5:ok/,
    );
  });

  it('serves a repeated request from the cache, as JSON and as a replayed stream', async () => {
    const input = `cache me ${runtime} ${crypto.randomUUID()}`;
    const before = anthropicCalls();
    const first = await client.responses.create({ model: 'cached-claude', input }).withResponse();
    const second = await client.responses.create({ model: 'cached-claude', input }).withResponse();
    expect(first.response.headers.get('x-switchyard-cache')).toBe('MISS');
    expect(second.response.headers.get('x-switchyard-cache')).toBe('HIT');
    expect(second.data.output_text).toBe(first.data.output_text);
    expect(second.data.output_text).toBe(`Echo: ${input}`);

    const stream = client.responses.stream({ model: 'cached-claude', input });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(`Echo: ${input}`);
    expect(final.status).toBe('completed');
    expect(anthropicCalls() - before).toBe(1);
  });

  it('stops a stored key at its rpm with a 429 the openai client types as a rate limit', async () => {
    const created = await fetch(`${running.router.url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `responses rpm ${runtime}`, rpm: 2 }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const limited = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: key, maxRetries: 0 });
    const ask = () => limited.responses.create({ model: 'mock/echo', input: 'within my rpm?' });

    const answered = await ask().withResponse();
    expect(answered.data.output_text).toBe('Echo: within my rpm?');
    expect(answered.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    await ask();
    const refused = await ask().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('continues a kept response by previous_response_id, sending the earlier turns upstream', async () => {
    const first = await client.responses.create({
      model: 'anthropic/claude-sonnet-4-5',
      instructions: 'Remember names.',
      input: 'My name is Ada.',
    });
    running.upstream.reset();
    const second = await client.responses.create({
      model: 'anthropic/claude-sonnet-4-5',
      previous_response_id: first.id,
      input: 'What is my name?',
    });
    expect(second.output_text).toBe('Echo: What is my name?');
    const sent = running.upstream.requests.at(-1)?.body as {
      system?: unknown;
      messages: { role: string; content: { type: string; text?: string }[] }[];
    };
    expect(sent.messages.map((message) => [message.role, message.content[0]?.text])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', 'Echo: My name is Ada.'],
      ['user', 'What is my name?'],
    ]);
    // As at OpenAI, the earlier request's instructions do not carry over.
    expect(sent.system).toBeUndefined();
  });
});
