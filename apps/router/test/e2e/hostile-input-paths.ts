/**
 * The routes without a JSON body in the hostile-input table, and the paths and methods no route
 * takes: each API answers them in its own envelope, a wrong method with `405` and `allow`.
 */
import type { Envelope } from './hostile-input-answers.ts';
import { unknownKeyHash } from './hostile-input-management-routes.ts';

export interface PathRoute {
  route: string;
  path: string;
  envelope: Envelope;
  /** The methods the path takes, as its 405s name them. */
  allow: string;
  /** Whether a key is needed (and a bad one is a 401). */
  authenticated: boolean;
  /** Headers every request to it carries (Anthropic clients' version header). */
  headers?: Record<string, string>;
}

const anthropicClient = { 'anthropic-version': '2023-06-01' };

const openAI = (path: string, allow = 'GET', route = `GET ${path}`): PathRoute => ({
  route,
  path,
  envelope: 'openai',
  allow,
  authenticated: true,
});

/** Routes read with GET (and the other methods of management paths, refused without a key). */
export const pathRoutes: PathRoute[] = [
  openAI('/v1/models'),
  {
    route: 'GET /v1/models (Anthropic clients)',
    path: '/v1/models',
    envelope: 'anthropic',
    allow: 'GET',
    authenticated: true,
    headers: anthropicClient,
  },
  { ...openAI('/v1/ai/config'), envelope: 'gateway' },
  { ...openAI('/v4/ai/config'), envelope: 'gateway' },
  { ...openAI('/v1/credits'), envelope: 'gateway' },
  { ...openAI('/v1/generation?id=gen-1'), route: 'GET /v1/generation', envelope: 'gateway' },
  { ...openAI('/health'), authenticated: false },
  { ...openAI('/dashboard'), authenticated: false },
  {
    ...openAI('/dashboard/assets/dashboard.000000000000.js'),
    route: 'GET /dashboard/assets/{name}',
    authenticated: false,
  },
  openAI('/metrics'),
  openAI('/api/v1/keys', 'GET, POST'),
  openAI(`/api/v1/keys/${unknownKeyHash}`, 'GET, PATCH, DELETE', 'GET /api/v1/keys/{hash}'),
  openAI('/api/v1/key'),
  openAI('/api/v1/auth/key'),
  openAI('/api/v1/credits'),
  openAI('/api/v1/teams', 'GET, POST'),
  openAI('/api/v1/teams/no-such-team', 'GET, PATCH, DELETE', 'GET /api/v1/teams/{id}'),
  openAI('/api/v1/teams/no-such-team/usage', 'GET', 'GET /api/v1/teams/{id}/usage'),
  openAI('/api/v1/audit'),
  openAI('/api/v1/usage/keys'),
  openAI('/api/v1/usage/teams'),
  openAI('/api/v1/targets/health'),
  openAI('/api/v1/requests'),
  openAI('/api/v1/stats'),
  openAI('/api/v1/generation?id=gen-1', 'GET', 'GET /api/v1/generation'),
];

/** Query strings each route must refuse with a 400 naming the parameter. */
export const hostileQueries: { route: string; envelope: Envelope; paths: string[] }[] = [
  {
    route: 'GET /api/v1/keys',
    envelope: 'openai',
    paths: [
      '/api/v1/keys?limit=0',
      '/api/v1/keys?limit=abc',
      '/api/v1/keys?limit=1e999',
      '/api/v1/keys?offset=-1',
      '/api/v1/keys?include_disabled=yes',
      '/api/v1/keys?team_id=..%2Fother',
      '/api/v1/keys?unknown=1',
      '/api/v1/keys?constructor=1',
      '/api/v1/usage/keys?limit=501',
    ],
  },
  {
    route: 'GET /api/v1/audit',
    envelope: 'openai',
    paths: [
      `/api/v1/audit?cursor=${'c'.repeat(65)}`,
      '/api/v1/audit?limit=501',
      '/api/v1/audit?x=1',
    ],
  },
  {
    route: 'GET /api/v1/requests',
    envelope: 'openai',
    paths: [
      '/api/v1/requests?from=yesterday',
      '/api/v1/requests?cursor=..%2F..',
      '/api/v1/requests?status=999',
      '/api/v1/requests?limit=201',
      `/api/v1/requests?model=${'m'.repeat(257)}`,
      `/api/v1/requests?to=${'9'.repeat(41)}`,
    ],
  },
  {
    route: 'GET /api/v1/stats',
    envelope: 'openai',
    paths: [
      '/api/v1/stats?step=0m',
      '/api/v1/stats?step=1y',
      '/api/v1/stats?group_by=__proto__',
      '/api/v1/stats?groups=51',
      '/api/v1/stats?from=0&to=999999999999999',
      '/api/v1/stats?from=2026-02-01&to=2026-01-01',
    ],
  },
  {
    route: 'GET /api/v1/generation',
    envelope: 'openai',
    paths: [
      '/api/v1/generation',
      '/api/v1/generation?id=',
      `/api/v1/generation?id=${'g'.repeat(65)}`,
    ],
  },
  {
    route: 'GET /v1/generation',
    envelope: 'gateway',
    paths: ['/v1/generation', '/v1/generation?id=', '/v1/generation?id=gen-1&extra=1'],
  },
  {
    route: 'GET /v1/models (Anthropic clients)',
    envelope: 'anthropic',
    paths: ['/v1/models?limit=0', '/v1/models?limit=abc', '/v1/models?after_id='],
  },
];

/** Paths under each prefix that no route serves: a 404 in that prefix's envelope. */
export const unknownPaths: { envelope: Envelope; paths: string[] }[] = [
  {
    envelope: 'openai',
    paths: [
      '/v1/nope',
      '/v2/chat/completions',
      '/v1/chat/completions/extra',
      '/V1/MODELS',
      '/v1//models',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/v1/models%00',
      `/${'a'.repeat(4_000)}`,
      '/v1/responses/resp_1',
      '/v1/responses/resp_1/input_items',
      '/v1/credits/x',
      '/v1/generation/x',
      '/metrics/x',
      '/dashboard/x',
      '/api/v1/nope',
      '/api/v1/keys/x/y',
      '/api/v1/usage',
      '/api/v1/usage/nope',
      '/api/v1/targets',
      '/api/v1/teams/x/y/z',
      '/api/v2/keys',
    ],
  },
  {
    envelope: 'anthropic',
    paths: ['/v1/messages/nope', '/v1/messages/batches', '/v1/messages/count_tokens/x'],
  },
  {
    envelope: 'gateway',
    paths: [
      '/v1/ai/nope',
      '/v1/ai/language-model/..%2f..%2fhealth',
      '/v4/ai/nope',
      '/v4/ai/',
      '/v4/ai/video-model',
      '/v4/ai/batch/start',
      '/v4/ai/image-model/x',
    ],
  },
];
