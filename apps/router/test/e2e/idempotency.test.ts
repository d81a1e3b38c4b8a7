import type { MockUpstream } from '@switchyard/testkit';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, upstreamVars, useRouter } from './fixtures.ts';

const teamKeys = { TEAM_A_KEY: 'sk-team-a-e2e', TEAM_B_KEY: 'sk-team-b-e2e' };

function config(upstream: MockUpstream) {
  return {
    ...upstreamConfig(upstream),
    keys: [
      { key: 'env:TEAM_A_KEY', tenant: 'team-a' },
      { key: 'env:TEAM_B_KEY', tenant: 'team-b' },
    ],
  };
}

const completions = '/v1/chat/completions';
const withKey = (key: string) => ({ headers: { 'Idempotency-Key': key } });
const ask = (content: string, model = 'openai-chat/gpt-4o-mini') => ({
  model,
  messages: [{ role: 'user' as const, content }],
});

describe.each(['node', 'workerd'] as const)(
  'Idempotency-Key with the openai client through the router on %s',
  (runtime) => {
    const running = useRouter(runtime, config, { ...upstreamVars, ...teamKeys });
    const upstreamCalls = () => running.upstream.requestCounts[completions] ?? 0;
    const client = (options: ConstructorParameters<typeof OpenAI>[0] = {}) =>
      new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, ...options });

    it('replays the answer to a retry whose first response was lost, and calls upstream once', async () => {
      const before = upstreamCalls();
      let sent = 0;
      const lossy = client({
        maxRetries: 2,
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          // The first answer arrives at the router's side of the wire and is lost on the way.
          if (++sent === 1) {
            await response.arrayBuffer();
            throw new TypeError('fetch failed: connection reset by peer');
          }
          return response;
        },
      });
      const { data, response } = await lossy.chat.completions
        .create(ask('charge me once'), withKey(`lost-${runtime}`))
        .withResponse();
      expect(sent).toBe(2);
      expect(data.choices[0]?.message.content).toBe('Echo: charge me once');
      expect(response.headers.get('idempotent-replayed')).toBe('true');
      expect(upstreamCalls() - before).toBe(1);
    });

    it('finishes a request whose client timed out; its retries wait through 409 and get that answer', async () => {
      const before = upstreamCalls();
      const abortedBefore = running.upstream.aborted;
      const statuses: number[] = [];
      const impatient = client({
        timeout: 500,
        maxRetries: 6,
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          statuses.push(response.status);
          return response;
        },
      });
      // The upstream takes 2 s; the client gives up after 0.5 s and retries with the same key.
      const { data, response } = await impatient.chat.completions
        .create(
          ask('slow but once', 'openai-chat/gpt-4o-mini~latency=2000'),
          withKey(`slow-${runtime}`),
        )
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('Echo: slow but once');
      expect(response.headers.get('idempotent-replayed')).toBe('true');
      expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
      expect(upstreamCalls() - before).toBe(1);
      // The upstream call was never cut off when the first client left.
      expect(running.upstream.aborted).toBe(abortedBefore);
    });

    it('refuses the key with another body: 422 UnprocessableEntityError', async () => {
      const openai = client({ maxRetries: 0 });
      await openai.chat.completions.create(ask('first use'), withKey(`reuse-${runtime}`));
      const error = await openai.chat.completions
        .create(ask('something else'), withKey(`reuse-${runtime}`))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
      expect(error).toMatchObject({ code: 'idempotency_key_reused' });
    });

    it('keeps keys per API key: another key with the same Idempotency-Key is another request', async () => {
      const before = upstreamCalls();
      const teamA = client({ apiKey: teamKeys.TEAM_A_KEY, maxRetries: 0 });
      const teamB = client({ apiKey: teamKeys.TEAM_B_KEY, maxRetries: 0 });
      const key = withKey(`shared-${runtime}`);
      const first = await teamA.chat.completions.create(ask('per tenant'), key);
      const second = await teamB.chat.completions.create(ask('per tenant'), key);
      expect(second.id).not.toBe(first.id);
      expect(upstreamCalls() - before).toBe(2);
      expect((await teamA.chat.completions.create(ask('per tenant'), key)).id).toBe(first.id);
      expect((await teamB.chat.completions.create(ask('per tenant'), key)).id).toBe(second.id);
      expect(upstreamCalls() - before).toBe(2);
    });
  },
);
