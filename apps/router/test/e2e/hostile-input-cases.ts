/**
 * Hostile requests for every route, as plain data: the Node suite sends them as raw bytes, the
 * workerd suite as `Request`s. Each must be answered with a 4xx in the error envelope.
 */
export interface HostileRequest {
  /** The group it is reported in; model-id groups end in `(model ids)`. */
  route: string;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status the router must answer; any 4xx when unset. */
  status?: number;
}

import {
  deep,
  deepMarker,
  hugeMarker,
  type JsonRoute,
  json,
  jsonRoutes,
  prompt,
  withField,
} from './hostile-input-routes.ts';

export const hostileAdminKey = 'sk-test-admin';
/** Small enough that an oversized body is cheap to send. */
export const hostileMaxBodyBytes = 64 * 1024;
const authorization = `Bearer ${hostileAdminKey}`;
/** Model ids that try to walk out of the provider's URL path or smuggle a query. */
export const hostileModelIds = [
  'google/x/../../v1beta/cachedContents?',
  'azure/../../../openai/files?x=',
  'openai/../files',
  'openai/gpt-4o?x=1',
  'openai/gpt-4o#fragment',
  'anthropic/%2e%2e%2fv1%2ffiles',
  'mock/echo/../../echo',
  `mock/${'x'.repeat(5_000)}`,
  'mock/',
  '/echo',
];

const badAuthorizations: Record<string, string | undefined> = {
  'no Authorization header': undefined,
  'a wrong key': 'Bearer sk-wrong',
  'an empty bearer token': 'Bearer ',
  'a Basic scheme': 'Basic YWRtaW46YWRtaW4=',
  'an 8 KB token': `Bearer ${'k'.repeat(8_192)}`,
  'a non-ASCII token': 'Bearer sk-tëst-admin',
};

function request(
  route: string,
  name: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  status?: number,
): HostileRequest {
  const withAuth = 'authorization' in headers ? headers : { authorization, ...headers };
  return { route, name, method, path, headers: withAuth, body, status };
}

function jsonRouteRequests(route: JsonRoute): HostileRequest[] {
  const headers = { ...json, ...route.headers };
  const post = (name: string, body: string, status?: number, extra: Record<string, string> = {}) =>
    request(route.route, name, 'POST', route.path, { ...headers, ...extra }, body, status);
  const valid = JSON.stringify(route.valid);
  const requests = [
    post('a truncated JSON body', valid.slice(0, -3), 400),
    post('an empty body', '', 400),
    post('a body that is JSON null', 'null', 400),
    post('a body that is a JSON array', '[]', 400),
    post('a body that is a JSON string', '"hi"', 400),
    post('a body with a trailing comma', `${valid.slice(0, -1)},}`, 400),
    post('a text/plain body', valid, 415, { 'content-type': 'text/plain' }),
    post(
      'a body over the size limit',
      withField(route.valid, 'pad', `"${'x'.repeat(hostileMaxBodyBytes)}"`),
      413,
    ),
    post('JSON nested 10,000 deep at the top level', `{"x":${deep}}`, 400),
    post('a body whose own keys are all under __proto__', `{"__proto__":${valid}}`, 400),
    post('__proto__ in request metadata', route.withMetadata('{"__proto__":"x"}'), 400),
    post('constructor in request metadata', route.withMetadata('{"constructor":"x"}'), 400),
    post('prototype keys in the x-switchyard-metadata header', valid, 400, {
      'x-switchyard-metadata': '{"__proto__":"x"}',
    }),
    post('constructor in the x-switchyard-metadata header', valid, 400, {
      'x-switchyard-metadata': '{"constructor":"x"}',
    }),
    post('an x-switchyard-metadata header that is not JSON', valid, 400, {
      'x-switchyard-metadata': '{team:',
    }),
  ];
  route.nestable.forEach((body, index) => {
    const text = JSON.stringify(body).replace(deepMarker, deep);
    requests.push(post(`JSON nested 10,000 deep in a client schema (${index + 1})`, text, 400));
  });
  for (const field of route.numbers) {
    for (const huge of ['1e999', '-1e999', '123456789012345678901234567890']) {
      const text = JSON.stringify({ ...route.valid, [field]: '__huge__' }).replace(
        hugeMarker,
        huge,
      );
      requests.push(post(`${field}: ${huge}`, text, 400));
    }
  }
  route.wrongTypes.forEach((body, index) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    requests.push(post(`a wrong type or range (${index + 1}): ${text.slice(0, 60)}`, text, 400));
  });
  for (const [name, value] of Object.entries(badAuthorizations)) {
    const auth = value === undefined ? { authorization: '' } : { authorization: value };
    const sent = request(
      route.route,
      `${name}`,
      'POST',
      route.path,
      { ...headers, ...auth },
      valid,
      401,
    );
    if (value === undefined) delete sent.headers.authorization;
    requests.push(sent);
  }
  for (const model of hostileModelIds) {
    const { headers: modelHeaders, body } = route.withModel(model);
    const sent = post(`the model id ${model.slice(0, 60)}`, body ?? valid, 400, modelHeaders);
    requests.push({ ...sent, route: `${route.route} (model ids)` });
  }
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    requests.push(
      request(route.route, `method ${method}`, method, route.path, headers, undefined, 405),
    );
  }
  return requests;
}

function getRouteRequests(route: string, path: string, authenticated: boolean): HostileRequest[] {
  const requests = ['POST', 'PUT', 'DELETE'].map((method) =>
    request(
      `GET ${route}`,
      `method ${method}`,
      method,
      path,
      json,
      method === 'POST' ? '{}' : undefined,
      405,
    ),
  );
  if (!authenticated) return requests;
  for (const [name, value] of Object.entries(badAuthorizations)) {
    const sent = request(
      `GET ${route}`,
      name,
      'GET',
      path,
      { authorization: value ?? '' },
      undefined,
      401,
    );
    if (value === undefined) delete sent.headers.authorization;
    requests.push(sent);
  }
  return requests;
}

const unknownPaths = [
  '/v1/nope',
  '/v1/ai/nope',
  '/v2/chat/completions',
  '/v1/chat/completions/extra',
  '/V1/MODELS',
  '/v1//models',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/v1/models%00',
  '/v1/ai/language-model/..%2f..%2fhealth',
  `/${'a'.repeat(4_000)}`,
];

/** Headers a client can only send over a raw socket: Node's parser answers them, workerd never sees them. */
export const parserLevelRequests: HostileRequest[] = [
  request(
    'parser',
    'a control character in a model id header',
    'POST',
    '/v1/ai/language-model',
    {
      ...json,
      'ai-language-model-id': 'mock/\u0001echo',
    },
    JSON.stringify({ prompt }),
    400,
  ),
  request(
    'parser',
    'a DEL character in a header',
    'GET',
    '/v1/models',
    { 'x-bad': 'a\u007fb' },
    undefined,
    400,
  ),
  request(
    'parser',
    'headers over 16 KB',
    'GET',
    '/health',
    { 'x-big': 'a'.repeat(20_000) },
    undefined,
    431,
  ),
];

/** Every hostile request, by route; `parserLevelRequests` come on top on Node. */
export function hostileRequests(): HostileRequest[] {
  return [
    ...jsonRoutes.flatMap(jsonRouteRequests),
    ...getRouteRequests('/v1/models', '/v1/models', true),
    ...getRouteRequests('/v1/ai/config', '/v1/ai/config', true),
    ...getRouteRequests('/health', '/health', false),
    ...unknownPaths.flatMap((path) =>
      ['GET', 'POST'].map((method) =>
        request(
          'unknown path',
          `${method} ${path.slice(0, 60)}`,
          method,
          path,
          json,
          method === 'POST' ? '{}' : undefined,
          404,
        ),
      ),
    ),
    request(
      'unknown path',
      'OPTIONS on a route',
      'OPTIONS',
      '/v1/chat/completions',
      {},
      undefined,
      405,
    ),
    request(
      'POST /v1/ai/language-model (model ids)',
      'a non-ASCII model id header',
      'POST',
      '/v1/ai/language-model',
      {
        ...json,
        'ai-language-model-id': 'mock/échø',
      },
      JSON.stringify({ prompt }),
    ),
    request(
      'POST /v1/ai/language-model (model ids)',
      'a model id header with ..',
      'POST',
      '/v1/ai/language-model',
      {
        ...json,
        'ai-language-model-id': 'mock/../echo',
      },
      JSON.stringify({ prompt }),
      400,
    ),
  ];
}

/** Requests by their `route`, in table order. */
export function groupByRoute(requests: HostileRequest[]): Map<string, HostileRequest[]> {
  const groups = new Map<string, HostileRequest[]>();
  for (const request of requests) {
    groups.set(request.route, [...(groups.get(request.route) ?? []), request]);
  }
  return groups;
}

export interface ErrorEnvelope {
  error: { message: string; type: string; param: unknown; code: string | null };
}

/** `{error:{message,type,param,code}}` and nothing else at the top. */
export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).join() !== 'error') return false;
  const { error } = value as { error: unknown };
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as Record<string, unknown>;
  return (
    typeof fields.message === 'string' &&
    fields.message !== '' &&
    typeof fields.type === 'string' &&
    'param' in fields &&
    (typeof fields.code === 'string' || fields.code === null)
  );
}

/** The configuration both hostile-input suites run the router with: the mock, and providers whose URLs a model id could bend. */
export function hostileInputConfig(upstreamUrl: string) {
  return {
    providers: {
      mock: { type: 'mock', models: { echo: {} } },
      openai: { type: 'openai', baseURL: `${upstreamUrl}/v1`, apiKey: 'test-key' },
      anthropic: { type: 'anthropic', baseURL: `${upstreamUrl}/v1`, apiKey: 'test-key' },
      google: { type: 'google', baseURL: `${upstreamUrl}/v1beta`, apiKey: 'test-key' },
      azure: { type: 'azure', baseURL: `${upstreamUrl}/openai`, apiKey: 'test-key' },
    },
    models: { chat: { targets: ['mock/echo'] } },
    server: { maxBodyBytes: hostileMaxBodyBytes, requestLog: false },
  };
}
