import type { MockUpstream } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import {
  adminKey,
  anthropicClient,
  rejectionOf,
  upstreamRequestsDuring,
} from './anthropic-messages-fixtures.ts';
import { useRouter } from './fixtures.ts';

const sonnet = 'anthropic/claude-sonnet-5-5';
const guardedKey = 'sk-guarded';

/** Aliases that fail over, cache and cost something, behind the Anthropic-shaped API. */
function pipelineConfig(upstream: MockUpstream) {
  return {
    providers: {
      anthropic: { type: 'anthropic', baseURL: upstream.baseURLs.anthropic, apiKey: 'test-key' },
      'openai-chat': {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
    },
    models: {
      // Anthropic overloaded: the same Claude model name is served by OpenAI instead.
      'claude-sonnet-5-5': { targets: [`${sonnet}~status=529`, 'openai-chat/gpt-4o-mini'] },
      'claude-cached': { targets: [sonnet], cache: { enabled: true } },
    },
    catalog: { [sonnet]: { pricing: { input: 10, output: 30 } } },
    // Only this key's requests are guarded, so no other test meets a rule.
    keys: [{ key: guardedKey, tenant: 'guarded' }],
    guardrails: {
      rules: {
        'no-codename': { terms: ['nightshade'], action: 'block', direction: 'input' },
        'no-pii-out': { detectors: ['pii'], action: 'redact', direction: 'output' },
      },
      keys: { guarded: { rules: ['no-codename', 'no-pii-out'] } },
    },
    routing: { attemptsPerTarget: 1 },
    server: { requestLog: false },
    // Generous, so a loaded machine never skips a cache write the next request reads.
    store: { timeBudgetMs: 5_000 },
  };
}

describe.each(['node', 'workerd'] as const)('the pipeline behind /v1/messages on %s', (runtime) => {
  const running = useRouter(runtime, pipelineConfig, {});

  async function createKey(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${running.router.url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const created = (await response.json()) as { key: string };
    expect(response.status, JSON.stringify(created)).toBe(201);
    return created.key;
  }

  const ask = (model: string, text: string, apiKey?: string) =>
    anthropicClient(running.router, apiKey)
      .messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: text }] })
      .withResponse();

  it('fails over from an overloaded Anthropic target to an OpenAI one, invisibly', async () => {
    const stream = anthropicClient(running.router).messages.stream({
      model: 'claude-sonnet-5-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'still there?' }],
    });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: still there?' }]);
    expect(message.model).toBe('openai-chat/gpt-4o-mini');
    const { response } = await stream.withResponse();
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(response.headers.get('x-switchyard-route')).toContain(`${sonnet}~status=529:529`);
  });

  it('answers a repeated request, streamed or not, from the cache without calling the upstream', async () => {
    const text = `cache me ${crypto.randomUUID()}`;
    const sent = await upstreamRequestsDuring(running.upstream, async () => {
      const first = await ask('claude-cached', text);
      expect(first.response.headers.get('x-switchyard-cache')).toBe('MISS');
      // The leader holds the key's lock until its entry is saved: this one waits for it.
      const second = await ask('claude-cached', text);
      expect(second.response.headers.get('x-switchyard-cache')).toBe('HIT');
      expect(second.data.content).toEqual(first.data.content);

      const stream = anthropicClient(running.router).messages.stream({
        model: 'claude-cached',
        max_tokens: 64,
        messages: [{ role: 'user', content: text }],
      });
      const streamed = await stream.finalMessage();
      expect(streamed.content).toEqual(first.data.content);
      expect(streamed.stop_reason).toBe('end_turn');
      const { response } = await stream.withResponse();
      expect(response.headers.get('x-switchyard-cache')).toBe('HIT');
    });
    expect(sent).toHaveLength(1);
  });

  it("stops a key at its rpm with Anthropic's rate_limit_error and retry-after", async () => {
    const key = await createKey({ name: 'anthropic rpm', rpm: 2 });
    for (const index of [1, 2]) {
      const { response } = await ask('claude-cached', `rpm ${index}`, key);
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe(String(2 - index));
    }
    const refused = await rejectionOf(ask('claude-cached', 'one too many', key));
    expect(refused).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    });
    const retryAfter = Number((refused as { headers: Headers }).headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
  });

  it('refuses a key outside its budget with billing_error, and outside its models with permission_error', async () => {
    const poor = await createKey({ name: 'anthropic budget', limit: 0.000001 });
    const broke = await rejectionOf(ask(sonnet, 'expensive', poor));
    expect(broke).toMatchObject({ status: 402, type: 'billing_error' });

    const narrow = await createKey({ name: 'anthropic models', models: ['claude-cached'] });
    const refused = await rejectionOf(ask('claude-sonnet-5-5', 'elsewhere', narrow));
    expect(refused).toMatchObject({ status: 403, type: 'permission_error' });
  });

  it("blocks a request a guardrail forbids before any upstream call, in Anthropic's envelope", async () => {
    const sent = await upstreamRequestsDuring(running.upstream, async () => {
      const blocked = await rejectionOf(ask(sonnet, 'tell me about nightshade', guardedKey));
      expect(blocked).toMatchObject({
        status: 400,
        type: 'invalid_request_error',
        error: { error: { message: expect.stringContaining("'no-codename'") } },
      });
    });
    expect(sent).toEqual([]);
  });

  it('redacts what a guardrail forbids in a streamed answer, keeping the event order', async () => {
    const stream = anthropicClient(running.router, guardedKey).messages.stream({
      model: 'openai-chat/gpt-4o-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'write to ada@lovelace.dev please' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: write to [EMAIL_1] please' }]);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
  });
});
