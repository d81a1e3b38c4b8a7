/**
 * Hostile requests for every route, as plain data: the Node suite sends them as raw bytes, the
 * workerd suite as `Request`s. Each must be answered with a 4xx in its API's error envelope.
 */
import { malformedInlineData } from './hostile-input-edge-cases.ts';
import {
  deep,
  deepMarker,
  hugeMarker,
  type JsonRoute,
  json,
  prompt,
  withField,
} from './hostile-input-json.ts';
import {
  forgedRequestIds,
  pathRouteRequests,
  queryRequests,
  unknownPathRequests,
} from './hostile-input-path-cases.ts';
import { pathRoutes } from './hostile-input-paths.ts';
import {
  badAuthorizations,
  badIdempotencyKeys,
  badProviderKeys,
  type HostileRequest,
  hostileMaxBodyBytes,
  request,
  unauthenticated,
  wrongMethods,
} from './hostile-input-request.ts';
import { jsonRoutes } from './hostile-input-routes.ts';

export { type ErrorEnvelope, isErrorEnvelope } from './hostile-input-answers.ts';
export { parserLevelRequests } from './hostile-input-edge-cases.ts';
export {
  type HostileRequest,
  hostileAdminKey,
  hostileMaxBodyBytes,
} from './hostile-input-request.ts';

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

/** Model ids with characters no header may carry, for routes that read the model from the body. */
const controlCharacterModelIds = ['mock/echo\u0000', 'mock/ech\u0007o', 'mock/\u202eohce'];

/** Every string of `value` but its model and discriminators, with NUL, controls and odd Unicode. */
function withControlCharacters(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    return ['model', 'type', 'role'].includes(key)
      ? value
      : `${value}\u0000\u0001\u001f\u202e😀\ufeff`;
  }
  if (Array.isArray(value)) return value.map((item) => withControlCharacters(item));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, withControlCharacters(item, name)]),
  );
}

function jsonRouteRequests(route: JsonRoute): HostileRequest[] {
  const { envelope } = route;
  const method = route.method ?? 'POST';
  const headers = { ...json, ...route.headers };
  const send = (
    name: string,
    body: string | Uint8Array<ArrayBuffer>,
    status?: number,
    extra: Record<string, string> = {},
  ) =>
    request({
      route: route.route,
      name,
      method,
      path: route.path,
      headers: { ...headers, ...extra },
      body,
      status,
      envelope,
    });
  const valid = JSON.stringify(route.valid);
  const requests = [
    send('a truncated JSON body', valid.slice(0, -3), 400),
    send('an empty body', '', 400),
    send('a body that is JSON null', 'null', 400),
    send('a body that is a JSON array', '[]', 400),
    send('a body that is a JSON string', '"hi"', 400),
    send('a body with a trailing comma', `${valid.slice(0, -1)},}`, 400),
    send('a body of bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]), 400),
    send('a text/plain body', valid, 415, { 'content-type': 'text/plain' }),
    send('a form body', 'model=x', 415, { 'content-type': 'application/x-www-form-urlencoded' }),
    send('a multipart body', valid, 415, { 'content-type': 'multipart/form-data; boundary=x' }),
    send(
      'a body over the size limit',
      withField(route.valid, 'pad', `"${'x'.repeat(hostileMaxBodyBytes)}"`),
      413,
    ),
    send('JSON nested 10,000 deep at the top level', `{"x":${deep}}`, 400),
    send('a body whose own keys are all under __proto__', `{"__proto__":${valid}}`, 400),
  ];
  if (route.withMetadata !== undefined) {
    requests.push(
      send('__proto__ in request metadata', route.withMetadata('{"__proto__":"x"}'), 400),
      send('constructor in request metadata', route.withMetadata('{"constructor":"x"}'), 400),
    );
  }
  if (route.withModel !== undefined) {
    const metadataHeaders = {
      'prototype keys in the x-switchyard-metadata header': '{"__proto__":"x"}',
      'constructor in the x-switchyard-metadata header': '{"constructor":"x"}',
      'an x-switchyard-metadata header that is not JSON': '{team:',
    };
    for (const [name, value] of Object.entries(metadataHeaders)) {
      requests.push(send(name, valid, 400, { 'x-switchyard-metadata': value }));
    }
  }
  for (const header of route.readHeaders ?? []) {
    requests.push(
      send(`12 KB in the ${header} header`, valid, 400, { [header]: 'a'.repeat(12_288) }),
    );
  }
  route.nestable.forEach((body, index) => {
    const text = JSON.stringify(body).replace(deepMarker, deep);
    requests.push(send(`JSON nested 10,000 deep in a client value (${index + 1})`, text, 400));
  });
  for (const field of route.numbers) {
    for (const huge of ['1e999', '-1e999', '123456789012345678901234567890']) {
      const text = JSON.stringify({ ...route.valid, [field]: '__huge__' }).replace(
        hugeMarker,
        huge,
      );
      requests.push(send(`${field}: ${huge}`, text, 400));
    }
  }
  // Model APIs tolerate fields they do not know (clients run ahead of them); the management API refuses them.
  requests.push({
    ...send(
      'fields no version of the API has',
      withField(route.valid, 'x_unknown', '{"a":[1,{"b":null}]}'),
    ),
    answered: true,
  });
  requests.push({
    ...send(
      'NUL, control characters and odd Unicode in every string',
      JSON.stringify(withControlCharacters(route.valid)),
    ),
    answered: true,
  });
  route.wrongTypes.forEach((body, index) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    requests.push(send(`a wrong type or range (${index + 1}): ${text.slice(0, 60)}`, text, 400));
  });
  for (const [name, credentials] of Object.entries(badAuthorizations)) {
    requests.push(
      unauthenticated({
        route: route.route,
        name,
        method,
        path: route.path,
        headers: { ...headers, ...credentials },
        body: valid,
        status: 401,
        envelope,
      }),
    );
  }
  if (route.withModel !== undefined && route.callsModel !== false) {
    for (const [name, key] of Object.entries(badIdempotencyKeys)) {
      requests.push(send(name, valid, 400, { 'idempotency-key': key }));
    }
    for (const [name, keys] of Object.entries(badProviderKeys)) {
      requests.push(send(name, valid, 400, { 'x-switchyard-provider-keys': keys }));
    }
  }
  if (route.withModel !== undefined) {
    const inBody = route.withModel('mock/echo').body.includes('mock/echo');
    for (const model of inBody
      ? [...hostileModelIds, ...controlCharacterModelIds]
      : hostileModelIds) {
      const { headers: modelHeaders, body } = route.withModel(model);
      const sent = send(`the model id ${model.slice(0, 60)}`, body, 400, modelHeaders);
      requests.push({ ...sent, route: `${route.route} (no upstream)` });
    }
  }
  const allow = route.allow ?? method;
  for (const wrong of wrongMethods(allow)) {
    requests.push(
      request({
        route: route.route,
        name: `method ${wrong}`,
        method: wrong,
        path: route.path,
        headers,
        body: wrong === 'GET' ? undefined : valid,
        status: 405,
        envelope,
        allow,
      }),
    );
  }
  return requests;
}

export interface HostileOptions {
  /** Whether the router answers CORS preflights (then OPTIONS is a 204, not a 405). */
  cors: boolean;
}

/** Every hostile request, by route; `parserLevelRequests` come on top on Node. */
export function hostileRequests(options: HostileOptions = { cors: false }): HostileRequest[] {
  const languageModel = { ...json, 'ai-language-model-id': 'mock/échø' };
  return [
    ...jsonRoutes.flatMap(jsonRouteRequests),
    ...pathRoutes.flatMap(pathRouteRequests),
    ...queryRequests(),
    ...unknownPathRequests(),
    ...forgedRequestIds(),
    ...malformedInlineData(),
    ...(options.cors
      ? []
      : [
          request({
            route: 'unknown path (openai)',
            name: 'OPTIONS on a route',
            method: 'OPTIONS',
            path: '/v1/chat/completions',
            headers: {},
            status: 405,
            allow: 'POST',
          }),
        ]),
    request({
      route: 'POST /v1/ai/language-model (no upstream)',
      name: 'a non-ASCII model id header',
      method: 'POST',
      path: '/v1/ai/language-model',
      headers: languageModel,
      body: JSON.stringify({ prompt }),
      envelope: 'gateway',
    }),
    request({
      route: 'POST /v1/ai/language-model (no upstream)',
      name: 'a model id header with ..',
      method: 'POST',
      path: '/v1/ai/language-model',
      headers: { ...languageModel, 'ai-language-model-id': 'mock/../echo' },
      body: JSON.stringify({ prompt }),
      status: 400,
      envelope: 'gateway',
    }),
  ];
}

/** Requests by their `route`, in table order. */
export function groupByRoute(requests: HostileRequest[]): Map<string, HostileRequest[]> {
  const groups = new Map<string, HostileRequest[]>();
  for (const sent of requests) groups.set(sent.route, [...(groups.get(sent.route) ?? []), sent]);
  return groups;
}

/** The configuration both hostile-input suites run the router with: the mock, and providers whose URLs a model id could bend. */
export function hostileInputConfig(upstreamUrl: string) {
  const apiKey = 'sk-upstream-hostile-secret';
  return {
    providers: {
      mock: { type: 'mock', models: { echo: {} } },
      openai: { type: 'openai', baseURL: `${upstreamUrl}/v1`, apiKey },
      anthropic: { type: 'anthropic', baseURL: `${upstreamUrl}/v1`, apiKey },
      google: { type: 'google', baseURL: `${upstreamUrl}/v1beta`, apiKey },
      azure: { type: 'azure', baseURL: `${upstreamUrl}/openai`, apiKey },
    },
    models: { chat: { targets: ['mock/echo'] } },
    server: {
      maxBodyBytes: hostileMaxBodyBytes,
      requestLog: false,
      cors: { origins: [hostileOrigin] },
    },
  };
}

/** The one origin the hostile configuration lets browsers call from. */
export const hostileOrigin = 'https://app.example';
