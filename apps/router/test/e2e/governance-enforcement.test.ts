import type { RouterRuntime, RunningRouter } from '@switchyard/testkit';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSSE } from '../support/read-sse.ts';
import {
  type Answer,
  affordableMaxTokens,
  call,
  configKey,
  deadPort,
  dollars,
  field,
  fixedPrices,
  fixedReplyTokens,
  type GatedUpstream,
  type GovernanceFleet,
  gatedModel,
  longReply,
  prices,
  reservationNanos,
  type StoreKind,
  startConfigKeyRouter,
  startFleet,
  startGatedUpstream,
} from './governance-fixtures.ts';

const user = (content: string) => [{ role: 'user' as const, content }];
const echo = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  messages: user(content),
  max_tokens: 20,
  ...extra,
});
const range = (count: number) => Array.from({ length: count }, (_, index) => index);
/** Long enough for a loaded CI machine; every wait ends as soon as its condition holds. */
const poll = { timeout: 10_000, interval: 50 };

describe.each([
  ['node', 'upstash'],
  ['node', 'redis'],
  ['workerd', 'upstash'],
  ['node', 'memory'],
] as const)(
  'the control plane on %s over the %s store',
  (runtime: RouterRuntime, storeKind: StoreKind) => {
    let fleet: GovernanceFleet;
    /** Two routers sharing the store; for the in-process store, the same router twice. */
    let routers: [RunningRouter, RunningRouter];

    beforeAll(async () => {
      fleet = await startFleet(runtime, storeKind);
      routers = fleet.routers;
    });

    afterAll(async () => {
      await fleet?.close();
    });

    // A test that failed while holding the gate must not leave the next one waiting.
    afterEach(() => fleet.gate.release());

    async function createKey(body: Record<string, unknown>) {
      const created = await call(routers[0], 'POST', '/api/v1/keys', { body });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      return {
        key: field<string>(created.json, 'key'),
        hash: field<string>(created.json, 'data.hash'),
        label: field<string>(created.json, 'data.label'),
      };
    }

    async function createTeam(body: Record<string, unknown>) {
      const id = `team-${crypto.randomUUID().slice(0, 8)}`;
      const created = await call(routers[0], 'POST', '/api/v1/teams', { body: { id, ...body } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      return id;
    }

    /** The two routers in turn: even indexes the first, odd the second. */
    const alternate = (index: number) => (index % 2 === 0 ? routers[0] : routers[1]);

    const chat = (router: RunningRouter, key: string, body: unknown) =>
      call(router, 'POST', '/v1/chat/completions', { key, body });

    /** What the key has spent, in US dollars, as `GET /api/v1/key` reports it. */
    const usageOf = async (key: string) =>
      field<number>((await call(routers[1], 'GET', '/api/v1/key', { key })).json, 'data.usage');

    const errorOf = (answer: Answer) =>
      field<{ type: string; code: string; message: string }>(answer.json, 'error');

    /**
     * Sends every request at once while the gate holds upstream calls, and opens it only once
     * each was decided: answered (refused) or held (admitted). So no admitted request can
     * finish, and settle, before the last one is decided. Answers come back in request order.
     */
    async function sendWhileHeld(requests: (() => Promise<Answer>)[]): Promise<Answer[]> {
      fleet.gate.hold();
      let answered = 0;
      const pending = requests.map((send) =>
        send().finally(() => {
          answered += 1;
        }),
      );
      await expect.poll(() => answered + fleet.gate.held, poll).toBe(requests.length);
      fleet.gate.release();
      return Promise.all(pending);
    }

    describe('budgets', () => {
      it('admits concurrent requests only while their reservations fit, then settles to the actual costs', async () => {
        const request = { model: gatedModel, messages: user('race'), max_tokens: 100 };
        const estimate = reservationNanos('race', 100);
        const { key } = await createKey({ name: 'race', limit: dollars(estimate * 3.5) });
        const reached = fleet.gate.requests.length;
        const answers = await sendWhileHeld(
          range(10).map((index) => () => chat(alternate(index), key, request)),
        );

        const admitted = answers.filter((answer) => answer.status === 200);
        const refused = answers.filter((answer) => answer.status !== 200);
        expect(admitted).toHaveLength(3);
        expect(fleet.gate.requests.length - reached).toBe(3);
        for (const answer of refused) {
          expect(answer.status).toBe(402);
          expect(errorOf(answer)).toMatchObject({
            type: 'insufficient_budget',
            code: 'insufficient_budget',
          });
          expect(answer.headers.get('x-should-retry')).toBe('false');
        }
        const costs = admitted.map((answer) => field<number>(answer.json, 'usage.cost'));
        for (const cost of costs) expect(cost).toBeGreaterThan(0);
        const spent = costs.reduce((sum, cost) => sum + cost, 0);
        await expect.poll(() => usageOf(key), poll).toBeCloseTo(spent, 9);
      });

      it('clamps max_tokens to what the budget affords when the key asks for clamp', async () => {
        const budget = 1_500_000;
        const affordable = affordableMaxTokens('clamp me', budget);
        const request = { model: gatedModel, messages: user('clamp me'), max_tokens: 1_000 };
        const rejecting = await createKey({ name: 'reject', limit: dollars(budget) });
        const clamping = await createKey({
          name: 'clamp',
          limit: dollars(budget),
          on_insufficient: 'clamp',
        });

        const refused = await chat(routers[0], rejecting.key, request);
        expect(refused.status).toBe(402);
        expect(errorOf(refused).message).toContain(`It affords max_tokens up to ${affordable}.`);

        const reached = fleet.gate.requests.length;
        const clamped = await chat(routers[1], clamping.key, request);
        expect(clamped.status).toBe(200);
        expect(fleet.gate.requests.slice(reached)).toEqual([
          expect.objectContaining({ max_tokens: affordable }),
        ]);
        expect(field<number>(clamped.json, 'usage.completion_tokens')).toBeLessThanOrEqual(
          affordable,
        );
      });

      it("shares a team's budget among its keys, and settles the team's usage to their costs", async () => {
        const request = { model: gatedModel, messages: user('team spend'), max_tokens: 100 };
        const estimate = reservationNanos('team spend', 100);
        const team = await createTeam({ name: 'budget team', limit: dollars(estimate * 2.5) });
        const [first, second] = [
          await createKey({ name: 'spender one', team_id: team }),
          await createKey({ name: 'spender two', team_id: team }),
        ];
        const answers = await sendWhileHeld([
          () => chat(routers[0], first.key, request),
          () => chat(routers[1], second.key, request),
          () => chat(routers[1], first.key, request),
        ]);
        const admitted = answers.filter((answer) => answer.status === 200);
        const refused = answers.filter((answer) => answer.status !== 200);
        expect(admitted).toHaveLength(2);
        expect(refused.map((answer) => answer.status)).toEqual([402]);
        expect(refused.map((answer) => errorOf(answer).message)).toEqual([
          expect.stringContaining(`team ${team}`),
        ]);
        const spent = admitted.reduce(
          (sum, answer) => sum + field<number>(answer.json, 'usage.cost'),
          0,
        );
        const teamUsage = async () =>
          field<number>(
            (await call(routers[0], 'GET', `/api/v1/teams/${team}/usage`)).json,
            'data.usage',
          );
        await expect.poll(teamUsage, poll).toBeCloseTo(spent, 9);
      });

      it('settles an embedding call at the input price of the tokens it used', async () => {
        const { key } = await createKey({ name: 'embeddings', limit: 1 });
        const embedded = await call(routers[0], 'POST', '/v1/embeddings', {
          key,
          body: { model: 'mock/echo', input: ['embed these words', 'and these ones too'] },
        });
        expect(embedded.status).toBe(200);
        const tokens = field<number>(embedded.json, 'usage.prompt_tokens');
        expect(tokens).toBeGreaterThan(0);
        await expect.poll(() => usageOf(key), poll).toBeCloseTo(tokens * prices.input * 1e-6, 9);
      });
    });

    describe('rate limits', () => {
      it('stops a key at its rpm with 429 and rate-limit headers, whichever router serves', async () => {
        const { key } = await createKey({ name: 'rpm', rpm: 3 });
        for (const index of range(3)) {
          const answer = await chat(alternate(index), key, echo(`rpm ${index}`));
          expect(answer.status).toBe(200);
          expect(answer.headers.get('x-ratelimit-limit-requests')).toBe('3');
          expect(answer.headers.get('x-ratelimit-remaining-requests')).toBe(String(2 - index));
        }
        for (const router of [routers[1], routers[0]]) {
          const refused = await chat(router, key, echo('one too many'));
          expect(refused.status).toBe(429);
          expect(errorOf(refused)).toMatchObject({
            type: 'rate_limit_error',
            code: 'rate_limit_exceeded',
          });
          const retryAfter = Number(refused.headers.get('retry-after'));
          expect(retryAfter).toBeGreaterThanOrEqual(1);
          expect(retryAfter).toBeLessThanOrEqual(60);
          expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('3');
          expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
          expect(refused.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+(ms|s)$/);
        }
      });

      it("holds a team's rpm across its keys", async () => {
        const team = await createTeam({ name: 'rpm team', rpm: 4 });
        const members = [
          await createKey({ name: 'member one', team_id: team }),
          await createKey({ name: 'member two', team_id: team }),
        ];
        for (const index of range(4)) {
          const answer = await chat(alternate(index), members[index % 2]?.key ?? '', echo('team'));
          expect(answer.status).toBe(200);
        }
        for (const member of members) {
          const refused = await chat(routers[0], member.key, echo('team'));
          expect(refused.status).toBe(429);
          expect(errorOf(refused).message).toContain(`team ${team}`);
        }
      });

      it('refuses a request whose estimate alone exceeds tpm, and says retrying will not help', async () => {
        const { key } = await createKey({ name: 'tpm', tpm: 100 });
        const refused = await chat(routers[0], key, echo('too large', { max_tokens: 200 }));
        expect(refused.status).toBe(429);
        expect(errorOf(refused).code).toBe('request_too_large');
        expect(refused.headers.get('x-should-retry')).toBe('false');
        expect(refused.headers.get('retry-after')).toBeNull();
        // The refusal counted nothing: a request that fits still passes, and the window holds
        // its estimate: 4 + 4 prompt tokens and max_tokens 20.
        const fits = await chat(routers[1], key, echo('fits'));
        expect(fits.status).toBe(200);
        expect(fits.headers.get('x-ratelimit-limit-tokens')).toBe('100');
        expect(fits.headers.get('x-ratelimit-remaining-tokens')).toBe('72');
      });

      it("counts a key's chat, AI SDK gateway and embedding calls against the same rpm", async () => {
        const { key } = await createKey({ name: 'every protocol', rpm: 3 });
        const gatewayCall = (router: RunningRouter) =>
          fetch(`${router.url}/v1/ai/language-model`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${key}`,
              'content-type': 'application/json',
              'ai-language-model-id': 'mock/echo',
              'ai-language-model-streaming': 'false',
              'ai-gateway-protocol-version': '0.0.1',
              'ai-language-model-specification-version': '4',
            },
            body: JSON.stringify({
              prompt: [{ role: 'user', content: [{ type: 'text', text: 'gateway' }] }],
            }),
          });
        const embed = (router: RunningRouter) =>
          call(router, 'POST', '/v1/embeddings', {
            key,
            body: { model: 'mock/echo', input: 'embed me' },
          });
        expect((await chat(routers[0], key, echo('chat'))).status).toBe(200);
        expect((await gatewayCall(routers[1])).status).toBe(200);
        expect((await embed(routers[0])).status).toBe(200);
        const refusedGateway = await gatewayCall(routers[0]);
        expect(refusedGateway.status).toBe(429);
        expect(await refusedGateway.json()).toMatchObject({
          // The type name the `@ai-sdk/gateway` client maps to its rate-limit error.
          error: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' },
        });
        expect(refusedGateway.headers.get('retry-after')).toMatch(/^\d+$/);
        const refusedEmbedding = await embed(routers[1]);
        expect(refusedEmbedding.status).toBe(429);
        expect(errorOf(refusedEmbedding).code).toBe('rate_limit_exceeded');
      });

      it('caps a model gateway-wide across keys', async () => {
        const keys = [await createKey({ name: 'cap one' }), await createKey({ name: 'cap two' })];
        const capped = { model: 'mock/capped', messages: user('capped') };
        for (const index of range(2)) {
          const answer = await chat(alternate(index), keys[index]?.key ?? '', capped);
          expect(answer.status).toBe(200);
        }
        for (const { key } of keys) {
          const refused = await chat(routers[1], key, capped);
          expect(refused.status).toBe(429);
          expect(errorOf(refused).message).toContain('model mock/capped');
        }
        // Only that model is capped.
        expect((await chat(routers[0], keys[0]?.key ?? '', echo('uncapped'))).status).toBe(200);
      });

      it('refuses the request over max_parallel with 429, and admits again once the others finished', async () => {
        const { key } = await createKey({ name: 'parallel', max_parallel: 2 });
        const request = { model: gatedModel, messages: user('in flight'), max_tokens: 20 };
        const answers = await sendWhileHeld([
          () => chat(routers[0], key, request),
          () => chat(routers[1], key, request),
          () => chat(routers[0], key, request),
        ]);
        expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
        const refused = answers.filter((answer) => answer.status !== 200);
        expect(refused.map((answer) => answer.status)).toEqual([429]);
        const [third] = refused as [Answer];
        expect(errorOf(third).code).toBe('max_parallel_exceeded');
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        // Their slots are freed by the settle that follows each answer.
        await expect
          .poll(async () => (await chat(routers[1], key, request)).status, poll)
          .toBe(200);
      });
    });

    describe('revocation', () => {
      /** Calls a model with the key on both routers, so each holds the key in its cache. */
      async function useOnBoth(key: string) {
        for (const router of routers)
          expect((await chat(router, key, echo('cached'))).status).toBe(200);
      }

      async function expectRefusedOnBoth(key: string) {
        for (const router of routers) {
          const refused = await chat(router, key, echo('after revocation'));
          expect(refused.status).toBe(401);
          expect(errorOf(refused).type).toBe('authentication_error');
        }
      }

      it('applies a narrowed model list on the very next request on every router', async () => {
        const { key, hash } = await createKey({ name: 'to narrow' });
        const other = { model: 'mock/other', messages: user('other model') };
        for (const router of routers) expect((await chat(router, key, other)).status).toBe(200);
        const patched = await call(routers[0], 'PATCH', `/api/v1/keys/${hash}`, {
          body: { models: ['mock/echo'] },
        });
        expect(patched.status).toBe(200);
        for (const router of routers) {
          const refused = await chat(router, key, other);
          expect(refused.status).toBe(403);
          expect(errorOf(refused).code).toBe('model_not_allowed');
        }
      });

      it('stops a disabled key on the very next request on every router', async () => {
        const { key, hash } = await createKey({ name: 'to disable' });
        await useOnBoth(key);
        const patched = await call(routers[0], 'PATCH', `/api/v1/keys/${hash}`, {
          body: { disabled: true },
        });
        expect(patched.status).toBe(200);
        await expectRefusedOnBoth(key);
      });

      it('stops a deleted key on the very next request on every router', async () => {
        const { key, hash } = await createKey({ name: 'to delete' });
        await useOnBoth(key);
        expect((await call(routers[1], 'DELETE', `/api/v1/keys/${hash}`)).status).toBe(200);
        await expectRefusedOnBoth(key);
      });

      it('stops a key whose expiry is moved into the past on the very next request', async () => {
        const { key, hash } = await createKey({ name: 'to expire', rpm: 100 });
        await useOnBoth(key);
        const patched = await call(routers[0], 'PATCH', `/api/v1/keys/${hash}`, {
          body: { expires_at: Math.floor(Date.now() / 1_000) - 60 },
        });
        expect(patched.status, JSON.stringify(patched.json)).toBe(200);
        await expectRefusedOnBoth(key);
      });

      it('applies a lowered rpm on the very next request on every router', async () => {
        const { key, hash } = await createKey({ name: 'to slow down', rpm: 100 });
        await useOnBoth(key);
        const patched = await call(routers[0], 'PATCH', `/api/v1/keys/${hash}`, {
          body: { rpm: 2 },
        });
        expect(patched.status).toBe(200);
        // Both requests so far count against the new limit.
        for (const router of routers) {
          const refused = await chat(router, key, echo('after the edit'));
          expect(refused.status).toBe(429);
          expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('2');
        }
      });

      it('stops a key when its team is disabled', async () => {
        const team = await createTeam({ name: 'to disable' });
        const { key } = await createKey({ name: 'member', team_id: team });
        await useOnBoth(key);
        const patched = await call(routers[1], 'PATCH', `/api/v1/teams/${team}`, {
          body: { disabled: true },
        });
        expect(patched.status).toBe(200);
        await expectRefusedOnBoth(key);
      });
    });

    describe('model allowlists', () => {
      it("refuses a model outside the key's list with 403 before any upstream call", async () => {
        const { key } = await createKey({ name: 'echo only', models: ['mock/echo'] });
        const reached = fleet.gate.requests.length;
        const refused = await chat(routers[0], key, { model: gatedModel, messages: user('no') });
        expect(refused.status).toBe(403);
        expect(errorOf(refused)).toMatchObject({
          type: 'permission_error',
          code: 'model_not_allowed',
        });
        expect(fleet.gate.requests.length).toBe(reached);
        expect((await chat(routers[1], key, echo('yes'))).status).toBe(200);
      });

      it('tries only the allowed targets of an alias, showing the others as skipped', async () => {
        const { key } = await createKey({ name: 'mixed alias', models: ['mock/echo'] });
        const reached = fleet.gate.requests.length;
        const answer = await chat(routers[0], key, { model: 'mixed', messages: user('alias') });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-switchyard-provider')).toBe('mock');
        expect(answer.headers.get('x-switchyard-route')).toContain(
          `skipped=${gatedModel}(not-allowed)`,
        );
        expect(fleet.gate.requests.length).toBe(reached);
      });

      it('skips a fallback model outside the list and fails over to an allowed one', async () => {
        const { key } = await createKey({ name: 'fallbacks', models: ['mock/down', 'mock/echo'] });
        const reached = fleet.gate.requests.length;
        const answer = await chat(routers[1], key, {
          model: 'mock/down',
          models: [gatedModel, 'mock/echo'],
          messages: user('fallback'),
        });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-switchyard-model')).toBe('echo');
        const route = answer.headers.get('x-switchyard-route') ?? '';
        expect(route).toContain(`skipped=${gatedModel}(not-allowed)`);
        expect(route).toContain('mock/down:503');
        expect(fleet.gate.requests.length).toBe(reached);
      });

      it("restricts a team's keys to the team's models", async () => {
        const team = await createTeam({ name: 'echo team', models: ['mock/echo'] });
        const { key } = await createKey({ name: 'team member', team_id: team });
        const refused = await chat(routers[0], key, { model: 'mock/other', messages: user('no') });
        expect(refused.status).toBe(403);
        expect(errorOf(refused).type).toBe('permission_error');
        expect((await chat(routers[1], key, echo('yes'))).status).toBe(200);
      });
    });

    it('keeps management keys out of inference and inference keys out of management', async () => {
      const admin = await createKey({ name: 'ops', role: 'admin' });
      const inference = await createKey({ name: 'app' });
      const inferring = await chat(routers[0], admin.key, echo('management key'));
      expect(inferring.status).toBe(403);
      expect(errorOf(inferring).type).toBe('permission_error');
      const managing = await call(routers[1], 'GET', '/api/v1/keys', { key: inference.key });
      expect(managing.status).toBe(403);
      expect(errorOf(managing).type).toBe('permission_error');
    });

    describe('streams', () => {
      it('settles a streamed answer with its actual usage', async () => {
        const { key } = await createKey({ name: 'stream', limit: 1 });
        const response = await fetch(`${routers[0].url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(
            echo('stream these words', { stream: true, stream_options: { include_usage: true } }),
          ),
        });
        expect(response.status).toBe(200);
        const events = await readSSE(response);
        expect(events.at(-1)).toBe('[DONE]');
        const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
        const cost = field<number>(chunks.at(-1), 'usage.cost');
        expect(cost).toBeGreaterThan(0);
        expect(cost).toBeLessThan(dollars(reservationNanos('stream these words', 20)));
        await expect.poll(() => usageOf(key), poll).toBeCloseTo(cost, 9);
      });

      it('charges a stream the client abandons for what it delivered, not the whole answer', async () => {
        const prompt = 'a long answer please';
        const estimate = reservationNanos(prompt, 500);
        // What the whole reply would cost: four characters a token.
        const whole =
          Math.ceil(prompt.length / 4) * prices.input * 1_000 +
          Math.ceil(longReply.length / 4) * prices.output * 1_000;
        const { key } = await createKey({ name: 'abandoned', limit: 1 });
        const abort = new AbortController();
        const response = await fetch(`${routers[1].url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'mock/long',
            messages: user(prompt),
            max_tokens: 500,
            stream: true,
          }),
          signal: abort.signal,
        });
        expect(response.status).toBe(200);
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
        let received = '';
        while (!received.includes('word5 ')) {
          const next = await reader?.read();
          if (next === undefined || next.done) break;
          received += next.value;
        }
        abort.abort();
        // The reservation holds the estimate until the cancelled stream settles.
        await expect.poll(() => usageOf(key), poll).toBeLessThan(dollars(estimate));
        const charged = await usageOf(key);
        expect(charged).toBeGreaterThan(0);
        expect(charged).toBeLessThan(dollars(whole));
      });
    });

    it('sends each budget alert exactly once, signed, as concurrent requests cross 50, 80 and 100%', async () => {
      const perRequest = fixedReplyTokens * fixedPrices.output * 1_000;
      const request = {
        model: 'mock/fixed',
        messages: user('alert'),
        max_tokens: fixedReplyTokens,
      };
      const spender = await createKey({ name: 'alerted', limit: dollars(perRequest * 10) });
      const alertsOf = (label: string) =>
        fleet.alerts.received.filter(({ alert }) => alert.scope?.endsWith(label));
      for (const [wave, percent] of [
        [5, 50],
        [3, 80],
        [2, 100],
      ] as const) {
        const answers = await Promise.all(
          range(wave).map((index) => chat(alternate(index), spender.key, request)),
        );
        expect(answers.map((answer) => answer.status)).toEqual(range(wave).map(() => 200));
        await expect
          .poll(() => alertsOf(spender.label).map(({ alert }) => alert.percent), poll)
          .toContain(percent);
      }
      expect((await chat(routers[0], spender.key, request)).status).toBe(402);
      // A later key's alerts arrive after any late duplicate of the first key's would have.
      const marker = await createKey({ name: 'marker', limit: dollars(perRequest) });
      expect((await chat(routers[1], marker.key, request)).status).toBe(200);
      await expect.poll(() => alertsOf(marker.label).length, poll).toBe(3);

      const received = alertsOf(spender.label);
      expect(received.map(({ alert }) => alert.percent ?? 0).sort((a, b) => a - b)).toEqual([
        50, 80, 100,
      ]);
      for (const { alert, validSignature } of received) {
        expect(validSignature).toBe(true);
        expect(alert).toMatchObject({ type: 'budget.threshold', limit: dollars(perRequest * 10) });
        expect(alert.spend).toBeGreaterThanOrEqual(
          ((alert.percent ?? 0) / 100) * (alert.limit ?? 0),
        );
      }
    });

    describe('the openai client', () => {
      it('sees a spent rate limit as RateLimitError', async () => {
        const { key } = await createKey({ name: 'openai rpm', rpm: 1 });
        const client = new OpenAI({ baseURL: `${routers[0].url}/v1`, apiKey: key, maxRetries: 0 });
        await client.chat.completions.create(echo('first'));
        const error = await client.chat.completions.create(echo('second')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OpenAI.RateLimitError);
        expect(
          (error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after'),
        ).toMatch(/^\d+$/);
      });

      it('sees a spent budget as a 402 APIError and retries neither it nor a request over tpm', async () => {
        const { key } = await createKey({ name: 'openai budget', limit: 0.000001, tpm: 100_000 });
        let calls = 0;
        const client = new OpenAI({
          baseURL: `${routers[1].url}/v1`,
          apiKey: key,
          maxRetries: 3,
          fetch: (input, init) => {
            calls += 1;
            return fetch(input, init);
          },
        });
        const budget = await client.chat.completions
          .create(echo('costly'))
          .catch((e: unknown) => e);
        expect(budget).toBeInstanceOf(OpenAI.APIError);
        expect(budget).toMatchObject({ status: 402, code: 'insufficient_budget' });
        expect(calls).toBe(1);

        const large = await client.chat.completions
          .create(echo('large', { max_tokens: 200_000 }))
          .catch((e: unknown) => e);
        expect(large).toBeInstanceOf(OpenAI.RateLimitError);
        expect(large).toMatchObject({ code: 'request_too_large' });
        expect(calls).toBe(2);
      });
    });

    if (storeKind !== 'memory') {
      it('refuses with 503 store_unavailable while the store is down, unless the key fails open', async () => {
        const request = { model: gatedModel, messages: user('outage'), max_tokens: 20 };
        const closed = await createKey({ name: 'fails closed', rpm: 100 });
        const open = await createKey({
          name: 'fails open',
          rpm: 100,
          on_store_unavailable: 'open',
        });
        // Used once, so the router has both keys in its short-lived key cache.
        for (const { key } of [closed, open]) {
          expect((await chat(routers[0], key, request)).status).toBe(200);
        }
        const reached = fleet.gate.requests.length;
        await fleet.outage?.stop();
        try {
          const refused = await chat(routers[0], closed.key, request);
          expect(refused.status).toBe(503);
          expect(errorOf(refused).code).toBe('store_unavailable');
          expect(fleet.gate.requests.length).toBe(reached);
          const through = await chat(routers[0], open.key, request);
          expect(through.status).toBe(200);
          expect(fleet.gate.requests.length).toBe(reached + 1);
        } finally {
          await fleet.outage?.restart();
        }
        // The store is back (empty): the router serves stored keys again once it reconnects.
        const after = await createKeyWhenBack();
        expect((await chat(routers[1], after, request)).status).toBe(200);
      });
    }

    async function createKeyWhenBack(): Promise<string> {
      let key = '';
      await expect
        .poll(async () => {
          const created = await call(routers[0], 'POST', '/api/v1/keys', {
            body: { name: 'after the outage', rpm: 100 },
          });
          key = field<string>(created.json, 'key') ?? '';
          return created.status;
        }, poll)
        .toBe(201);
      return key;
    }
  },
);

describe('a gateway whose Redis cannot be reached', () => {
  let gate: GatedUpstream;
  let closed: RunningRouter;
  let open: RunningRouter;
  const request = { model: gatedModel, messages: user('no store'), max_tokens: 20 };

  beforeAll(async () => {
    gate = await startGatedUpstream();
    const redisUrl = `redis://127.0.0.1:${await deadPort()}`;
    const start = (onStoreUnavailable: 'closed' | 'open') =>
      startConfigKeyRouter({ redisUrl, gateUrl: gate.url, onStoreUnavailable });
    [closed, open] = await Promise.all([start('closed'), start('open')]);
  });

  afterAll(async () => {
    await closed?.close();
    await open?.close();
    await gate?.close();
  });

  it('refuses a request the gateway limits with 503 store_unavailable, calling no upstream', async () => {
    const reached = gate.requests.length;
    const refused = await call(closed, 'POST', '/v1/chat/completions', {
      key: configKey,
      body: request,
    });
    expect(refused.status).toBe(503);
    expect(field(refused.json, 'error.code')).toBe('store_unavailable');
    expect(gate.requests).toHaveLength(reached);
  });

  it('lets it through unmetered when the config says onStoreUnavailable: "open"', async () => {
    const reached = gate.requests.length;
    const through = await call(open, 'POST', '/v1/chat/completions', {
      key: configKey,
      body: request,
    });
    expect(through.status).toBe(200);
    expect(through.headers.get('x-ratelimit-limit-requests')).toBeNull();
    expect(gate.requests).toHaveLength(reached + 1);
  });
});
