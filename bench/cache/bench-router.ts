import type { FixtureUrls } from '@switchyard/testkit';
import { type PinnedRouter, startPinnedRouter } from '../lib/pinned-router.ts';

const adminKey = 'sk-bench-admin';

/** A realistic prompt: ~1 KB of question, echoed back by the mock upstream (~2 KB entry). */
const question = `Summarise the following notes for the weekly report. ${'Latency, errors and spend per provider were within budget; '.repeat(16)}`;
const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: question }] });
const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

export interface BenchRouter extends PinnedRouter {
  /** One chat completion; throws unless it is a 200 with the expected cache status. */
  complete(expected: 'HIT' | 'MISS'): Promise<Response>;
  /** `GET /health`: the same client and server without auth, body or cache. */
  health(): Promise<void>;
}

/**
 * The router's Node entry on core 0 with one caching alias, its store in Upstash (the bridge
 * of `fixtures`) or, with `store: 'memory'`, in-process. `nodeFlags` go to node itself; `entry`
 * runs another checkout's `apps/router/src/node.ts` (a baseline); `records: false` turns the
 * request records off.
 */
export async function startBenchRouter(
  fixtures: FixtureUrls,
  options: { store: 'upstash' | 'memory'; nodeFlags?: string[]; entry?: string; records?: boolean },
): Promise<BenchRouter> {
  const router = await startPinnedRouter({
    core: 0,
    entry: options.entry,
    nodeFlags: options.nodeFlags,
    vars: {
      SWITCHYARD_CONFIG: JSON.stringify({
        providers: {
          openai: {
            type: 'openai',
            api: 'chat',
            baseURL: `${fixtures.upstreamUrl}/v1`,
            apiKey: 'x',
          },
        },
        models: { chat: { targets: ['openai/gpt-4o-mini'], cache: { enabled: true } } },
        server: { requestLog: false },
        // The request record each answer writes after it (on by default, as in production).
        ...(options.records === false && { observability: { enabled: false } }),
      }),
      SWITCHYARD_ADMIN_KEY: adminKey,
      ...(options.store === 'upstash' && {
        UPSTASH_REDIS_REST_URL: fixtures.upstashUrl,
        UPSTASH_REDIS_REST_TOKEN: fixtures.upstashToken,
      }),
    },
  });
  return {
    ...router,
    async complete(expected) {
      const response = await fetch(`${router.url}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body,
      });
      await response.arrayBuffer();
      const status = response.headers.get('x-switchyard-cache');
      if (response.status !== 200 || status !== expected) {
        throw new Error(`expected a cache ${expected}, got ${response.status} ${status}`);
      }
      return response;
    },
    async health() {
      await (await fetch(`${router.url}/health`)).arrayBuffer();
    },
  };
}
