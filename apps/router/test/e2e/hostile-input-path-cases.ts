/** Hostile requests to the routes without a JSON body, to paths no route serves, and with forged ids. */
import { type Envelope, forgedRequestId } from './hostile-input-answers.ts';
import { json } from './hostile-input-json.ts';
import { hostileQueries, type PathRoute, unknownPaths } from './hostile-input-paths.ts';
import {
  badAuthorizations,
  type HostileRequest,
  request,
  unauthenticated,
  wrongMethods,
} from './hostile-input-request.ts';

export function pathRouteRequests(route: PathRoute): HostileRequest[] {
  const headers = route.headers ?? {};
  const requests = wrongMethods(route.allow).map((method) =>
    request({
      route: route.route,
      name: `method ${method}`,
      method,
      path: route.path,
      headers: method === 'GET' ? headers : { ...json, ...headers },
      body: method === 'GET' ? undefined : '{}',
      status: 405,
      envelope: route.envelope,
      allow: route.allow,
    }),
  );
  if (!route.authenticated) return requests;
  for (const [name, credentials] of Object.entries(badAuthorizations)) {
    // `x-api-key` is how Anthropic clients send keys: the model list answers them in Anthropic's shape.
    const anthropicClient = route.path === '/v1/models' && 'x-api-key' in credentials;
    requests.push(
      unauthenticated({
        route: route.route,
        name,
        method: 'GET',
        path: route.path,
        headers: { ...headers, ...credentials },
        status: 401,
        envelope: anthropicClient ? 'anthropic' : route.envelope,
      }),
    );
  }
  return requests;
}

export function queryRequests(): HostileRequest[] {
  return hostileQueries.flatMap(({ route, envelope, paths }) =>
    paths.map((path) =>
      request({
        route,
        name: `the query ${path.slice(0, 70)}`,
        method: 'GET',
        path,
        headers: envelope === 'anthropic' ? { 'anthropic-version': '2023-06-01' } : {},
        status: 400,
        envelope,
      }),
    ),
  );
}

export function unknownPathRequests(): HostileRequest[] {
  return unknownPaths.flatMap(({ envelope, paths }) =>
    paths.flatMap((path) =>
      ['GET', 'POST'].map((method) =>
        request({
          route: `unknown path (${envelope})`,
          name: `${method} ${path.slice(0, 60)}`,
          method,
          path,
          headers: json,
          body: method === 'POST' ? '{}' : undefined,
          status: 404,
          envelope,
        }),
      ),
    ),
  );
}

/** A client that sends request ids of its own: every answer carries the router's instead. */
export function forgedRequestIds(): HostileRequest[] {
  const forged = {
    'x-request-id': forgedRequestId,
    'x-switchyard-request-id': forgedRequestId,
    'request-id': forgedRequestId,
  };
  const targets: [string, Envelope][] = [
    ['/v1/chat/completions', 'openai'],
    ['/v1/responses', 'openai'],
    ['/v1/messages', 'anthropic'],
    ['/v1/messages/count_tokens', 'anthropic'],
    ['/v4/ai/language-model', 'gateway'],
    ['/v4/ai/image-model', 'gateway'],
    ['/api/v1/keys', 'openai'],
  ];
  return targets.map(([path, envelope]) =>
    request({
      route: 'forged request ids',
      name: `POST ${path} with the client's own request ids`,
      method: 'POST',
      path,
      headers: { ...json, ...forged },
      body: '{"truncated":',
      status: 400,
      envelope,
    }),
  );
}
