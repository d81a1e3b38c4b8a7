import {
  type MockUpstream,
  type RedisServer,
  type RunningRouter,
  startMockUpstream,
  startRedisServer,
  startRouter,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const adminKey = 'sk-test-admin';

/** The fields of management answers these tests read. */
interface ManagementAnswer {
  key: string;
  data: { hash: string; id: string; guardrails: unknown };
  error: { message: string };
}
/** A key's or team's own rule: the codename is blocked. */
const blockCodename = { rules: { 'no-codename': { terms: ['Nightjar'], action: 'block' } } };
/** A request's own rule of the same name that would only warn. */
const looser = { rules: { 'no-codename': { terms: ['Nightjar'], action: 'warn' } } };

/** No `guardrails` section at all: the stored records alone bring the rules. */
const config = (upstream: MockUpstream) => ({
  providers: {
    'openai-chat': { type: 'openai', api: 'chat', baseURL: upstream.baseURLs.openai, apiKey: 'k' },
  },
  models: { chat: { targets: ['openai-chat/gpt-4o-mini'] } },
  server: { requestLog: false },
  store: { timeBudgetMs: 5_000 },
});

describe.each(['memory', 'redis'] as const)(
  'guardrails stored on keys and teams over the %s store',
  (storeKind) => {
    let upstream: MockUpstream;
    let router: RunningRouter;
    let redisServer: RedisServer | undefined;
    let bridge: UpstashBridge | undefined;

    beforeAll(async () => {
      upstream = await startMockUpstream();
      const vars: Record<string, string> = { SWITCHYARD_KEY_SECRET: 'e2e key secret' };
      if (storeKind === 'redis') {
        redisServer = await startRedisServer();
        bridge = await startUpstashBridge({ redisUrl: redisServer.url });
        vars.UPSTASH_REDIS_REST_URL = bridge.url;
        vars.UPSTASH_REDIS_REST_TOKEN = bridge.token;
      }
      router = await startRouter('node', { config: config(upstream), adminKey, vars });
    });

    afterAll(async () => {
      await router?.close();
      await upstream?.close();
      await bridge?.close();
      await redisServer?.stop();
    });

    async function manage(method: string, path: string, body?: unknown) {
      const response = await fetch(`${router.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as ManagementAnswer };
    }

    async function createKey(body: Record<string, unknown>) {
      const created = await manage('POST', '/api/v1/keys', body);
      expect(created.status).toBe(201);
      return { key: created.json.key, hash: created.json.data.hash };
    }

    /** A chat completion saying `content`; the status, the error if any, and the upstream calls. */
    async function chat(key: string, content: string, guardrails?: object) {
      const before = upstream.requests.length;
      const response = await fetch(`${router.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'chat',
          messages: [{ role: 'user', content }],
          ...(guardrails === undefined ? {} : { guardrails }),
        }),
      });
      const json = (await response.json()) as { error?: { code?: string; message?: string } };
      return {
        status: response.status,
        error: json.error,
        upstreamCalls: upstream.requests.length - before,
      };
    }

    it("blocks a key's stored rule before any upstream call; another key passes", async () => {
      const guarded = await createKey({ name: 'guarded', guardrails: blockCodename });
      const plain = await createKey({ name: 'plain' });
      const blocked = await chat(guarded.key, 'status of Nightjar?');
      expect(blocked).toMatchObject({
        status: 400,
        error: { code: 'guardrail_violation' },
        upstreamCalls: 0,
      });
      expect(blocked.error?.message).toContain("'no-codename'");
      expect(await chat(plain.key, 'status of Nightjar?')).toMatchObject({
        status: 200,
        upstreamCalls: 1,
      });
      const read = await manage('GET', `/api/v1/keys/${guarded.hash}`);
      expect(read.json.data.guardrails).toMatchObject({
        rules: { 'no-codename': { terms: ['Nightjar'], action: 'block', direction: 'both' } },
      });
    });

    it("applies a team's stored rule to its keys", async () => {
      const team = await manage('POST', '/api/v1/teams', {
        name: 'research',
        guardrails: blockCodename,
      });
      expect(team.status).toBe(201);
      const member = await createKey({ name: 'member', team_id: team.json.data.id });
      expect(await chat(member.key, 'Nightjar launch plan')).toMatchObject({
        status: 400,
        error: { code: 'guardrail_violation' },
        upstreamCalls: 0,
      });
    });

    it('clears a rule with PATCH guardrails: null, and records the change in the audit log', async () => {
      const { key, hash } = await createKey({ name: 'edited', guardrails: blockCodename });
      expect((await chat(key, 'Nightjar?')).status).toBe(400);
      const patched = await manage('PATCH', `/api/v1/keys/${hash}`, { guardrails: null });
      expect(patched.json.data.guardrails).toBeNull();
      expect((await manage('GET', `/api/v1/keys/${hash}`)).json.data.guardrails).toBeNull();
      const audit = await manage('GET', '/api/v1/audit');
      expect(JSON.stringify(audit.json)).toContain('no-codename');
    });

    it("cannot loosen a key's rule with a request's looser one of the same name", async () => {
      const { key } = await createKey({ name: 'strict', guardrails: blockCodename });
      expect(await chat(key, 'Nightjar?', looser)).toMatchObject({
        status: 400,
        error: { code: 'guardrail_violation' },
        upstreamCalls: 0,
      });
    });

    it('refuses an unsafe expression with a 400 naming the rule', async () => {
      const refused = await manage('POST', '/api/v1/keys', {
        name: 'unsafe',
        guardrails: { rules: { tickets: { pattern: '(a+)+$', action: 'block' } } },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain("rule 'tickets'");
    });
  },
);
