import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PinnedProcess, startPinnedProcess } from '../lib/pinned-process.ts';
import { routerEntry, startPinnedRouter } from '../lib/pinned-router.ts';
import { adminKey, switchyardConfig, upstreamKey } from './switchyard-config.ts';

export const targetIds = [
  'direct',
  'minimal',
  'switchyard',
  'switchyard-governed',
  'switchyard-cache',
  'workerd',
  'portkey',
] as const;
export type TargetId = (typeof targetIds)[number];

export const targetLabels: Record<TargetId, string> = {
  direct: 'direct to upstream',
  minimal: 'minimal proxy (Hono + fetch)',
  switchyard: 'Switchyard, Node',
  'switchyard-governed': 'Switchyard, Node, budget + rate limit + guardrails',
  'switchyard-cache': 'Switchyard, Node, cache hit (Upstash)',
  workerd: 'Switchyard, workerd',
  portkey: 'Portkey 1.15.2, Node',
};

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunningTarget {
  id: TargetId;
  url: string;
  json: RequestSpec;
  stream: RequestSpec;
  /** The proxy process (with its descendants); undefined for direct. */
  process?: PinnedProcess;
  /** Every answer must carry `x-switchyard-cache: HIT` (the cache-hit target). */
  expectCacheHit?: boolean;
  /** Budget, rate limit and guardrails are on (the governed target). */
  governed?: boolean;
  /** The Upstash REST endpoint the cache-hit target reads from. */
  upstash?: { url: string; token: string };
  close(): Promise<void>;
}

export interface TargetContext {
  upstreamUrl: string;
  /** Run Switchyard on Node under `--cpu-prof`, its profile written here. */
  profileDirectory?: string;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const portkeyBin = here('../node_modules/@portkey-ai/gateway/build/start-server.js');
const proxyCore = 0;
const loadCore = 1;
const upstashToken = 'bench-upstash-token';

/** The same small chat request for every target; only the model name and headers differ. */
function requests(model: string, headers: Record<string, string>) {
  const messages = [
    { role: 'system', content: 'You are a terse assistant.' },
    { role: 'user', content: 'Say hello to the benchmark in one sentence.' },
  ];
  const spec = (stream: boolean): RequestSpec => ({
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages, ...(stream && { stream: true }) }),
  });
  return { json: spec(false), stream: spec(true) };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Starts one target (its proxy pinned to core 0) in front of the upstream. */
export async function startTarget(id: TargetId, context: TargetContext): Promise<RunningTarget> {
  const { upstreamUrl } = context;
  const upstreamRequests = requests('gpt-4o-mini', bearer(upstreamKey));
  const viaProcess = (process: PinnedProcess, extra: Partial<RunningTarget> = {}) => ({
    id,
    url: process.url,
    process,
    ...upstreamRequests,
    close: () => process.close(),
    ...extra,
  });
  const vars = (cache: boolean, governed = false) => ({
    SWITCHYARD_CONFIG: JSON.stringify(switchyardConfig(upstreamUrl, { cache, governed })),
    SWITCHYARD_ADMIN_KEY: adminKey,
  });
  const entry = routerEntry();
  switch (id) {
    case 'direct':
      return { id, url: upstreamUrl, ...upstreamRequests, close: async () => {} };
    case 'minimal': {
      const proxy = await startPinnedProcess({
        core: proxyCore,
        args: [here('./minimal-proxy.ts'), '--upstream', upstreamUrl],
      });
      return viaProcess(proxy);
    }
    case 'switchyard':
    case 'switchyard-governed': {
      const directory = context.profileDirectory;
      const governed = id === 'switchyard-governed';
      const router = await startPinnedRouter({
        core: proxyCore,
        entry,
        vars: vars(false, governed),
        nodeFlags: directory ? ['--cpu-prof', `--cpu-prof-dir=${directory}`] : [],
      });
      return viaProcess(router, { ...requests('chat', bearer(adminKey)), governed });
    }
    case 'switchyard-cache': {
      const upstash = await startPinnedProcess({
        core: loadCore,
        args: [here('./upstash-fixture.ts')],
        env: { BENCH_UPSTASH_TOKEN: upstashToken },
      });
      const router = await startPinnedRouter({
        core: proxyCore,
        entry,
        vars: {
          ...vars(true),
          UPSTASH_REDIS_REST_URL: upstash.url,
          UPSTASH_REDIS_REST_TOKEN: upstashToken,
        },
      });
      return viaProcess(router, {
        ...requests('chat', bearer(adminKey)),
        expectCacheHit: true,
        upstash: { url: upstash.url, token: upstashToken },
        close: async () => {
          await router.close();
          await upstash.close();
        },
      });
    }
    case 'workerd': {
      const worker = await startPinnedProcess({
        core: proxyCore,
        args: [here('./workerd-target.ts')],
        env: {
          BENCH_ROUTER_CONFIG: vars(false).SWITCHYARD_CONFIG,
          SWITCHYARD_ADMIN_KEY: adminKey,
        },
      });
      return viaProcess(worker, requests('chat', bearer(adminKey)));
    }
    case 'portkey': {
      const port = await freePort();
      const gateway = await startPinnedProcess({
        core: proxyCore,
        nodeFlags: ['--import', here('./portkey-preload.ts')],
        args: [portkeyBin, '--headless', `--port=${port}`],
        ready: /running at:[\s\S]*?(http:\/\/localhost:\d+)/,
      });
      const portkeyHeaders = {
        ...bearer(upstreamKey),
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${upstreamUrl}/v1`,
      };
      return viaProcess(gateway, {
        url: `http://127.0.0.1:${port}`,
        ...requests('gpt-4o-mini', portkeyHeaders),
      });
    }
  }
}

/** Starts the mock upstream on the load generator's core. */
export function startUpstreamProcess(delayMs: number): Promise<PinnedProcess> {
  return startPinnedProcess({
    core: loadCore,
    args: [here('./upstream.ts'), '--delay-ms', String(delayMs)],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const profilesDirectory = join(import.meta.dirname, '..', 'results', 'profiles');
