import { describe, expect, it } from 'vitest';
import { useRouter } from './fixtures.ts';
import { answerProblem } from './hostile-input-answers.ts';
import {
  groupByRoute,
  type HostileRequest,
  hostileInputConfig,
  hostileOrigin,
  hostileRequests,
  parserLevelRequests,
} from './hostile-input-cases.ts';
import { rawExchange } from './hostile-input-socket.ts';

const running = useRouter('node', (upstream) => hostileInputConfig(upstream.url), {});

/** The request as bytes, exactly as written: no client library tidies it up first. */
function serialize(request: HostileRequest): Buffer {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, 'host: 127.0.0.1'];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${body.byteLength}`);
  lines.push('connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n')), body ?? Buffer.alloc(0)]);
}

/** What is wrong with the answer to `request`, or undefined when it is a proper refusal. */
async function problemWith(url: string, request: HostileRequest): Promise<string | undefined> {
  const response = await rawExchange(url, serialize(request), { waitMs: 10_000 });
  if (!response.closed) return `${request.name}: no answer within 10 s`;
  const problem = answerProblem(request, {
    status: response.status,
    header: (name) => response.headers[name],
    body: response.body,
  });
  return problem === undefined ? undefined : `${request.name}: ${problem}`;
}

const byRoute = groupByRoute([...hostileRequests({ cors: true }), ...parserLevelRequests]);

async function problemsWith(requests: HostileRequest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const request of requests) {
    const problem = await problemWith(running.router.url, request);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

describe('hostile input on the Node entry', () => {
  for (const [route, requests] of byRoute) {
    if (route.endsWith('(no upstream)')) {
      it(`refuses hostile model ids and inline data for ${route.replace(' (no upstream)', '')} with 400 and no upstream call`, async () => {
        const upstreamRequests = running.upstream.requests.length;
        const problems = await problemsWith(requests);
        expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
        expect(running.upstream.requests.length).toBe(upstreamRequests);
      });
    } else {
      it(`answers every hostile request to ${route} with a 4xx in its error envelope`, async () => {
        const problems = await problemsWith(requests);
        expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
      });
    }
  }
});

/** The new APIs, each as a browser app would call it. */
const browserRoutes = [
  '/v1/responses',
  '/v1/messages',
  '/v1/messages/count_tokens',
  '/v4/ai/image-model',
  '/v4/ai/reranking-model',
  '/v1/credits',
  '/api/v1/keys',
  '/api/v1/stats',
];

function preflight(path: string, headers: Record<string, string>): HostileRequest {
  return {
    route: 'CORS',
    name: `OPTIONS ${path} ${JSON.stringify(headers).slice(0, 80)}`,
    method: 'OPTIONS',
    path,
    headers: { 'access-control-request-method': 'POST', ...headers },
  };
}

/** Origins that must never be allowed: another site, an opaque origin, look-alikes, 8 KB. */
const foreignOrigins = [
  'https://evil.example',
  'null',
  'https://app.example.evil.example',
  'https://app.example:8443',
  'http://app.example',
  `https://${'a'.repeat(8_192)}.example`,
  'https://äpp.example',
];

describe('CORS preflights and refusals on the Node entry', () => {
  it('answers a preflight from the allowed origin on every new API with 204 and that origin', async () => {
    for (const path of browserRoutes) {
      const sent = preflight(path, {
        origin: hostileOrigin,
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      });
      const response = await rawExchange(running.router.url, serialize(sent));
      expect(response.status, sent.name).toBe(204);
      expect(response.headers['access-control-allow-origin'], sent.name).toBe(hostileOrigin);
      expect(response.body, sent.name).toBe('');
    }
  });

  it('allows no foreign, opaque, look-alike or oversized origin, and never fails on one', async () => {
    for (const path of browserRoutes) {
      for (const origin of foreignOrigins) {
        const sent = preflight(path, { origin });
        const response = await rawExchange(running.router.url, serialize(sent));
        expect(response.status, sent.name).toBeLessThan(500);
        expect(response.headers['access-control-allow-origin'], sent.name).toBeUndefined();
      }
    }
  });

  it('answers a preflight asking for 8 KB of headers or an odd method without a server error', async () => {
    const requested = Array.from({ length: 800 }, (_, index) => `x-h${index}`).join(', ');
    const preflights: Record<string, string>[] = [
      { origin: hostileOrigin, 'access-control-request-headers': requested },
      { origin: hostileOrigin, 'access-control-request-method': 'TRACE' },
      { origin: hostileOrigin, 'access-control-request-method': '' },
    ];
    for (const headers of preflights) {
      const sent = preflight('/v1/messages', headers);
      const response = await rawExchange(running.router.url, serialize(sent));
      expect(response.status, sent.name).toBe(204);
    }
  });

  it('lets the allowed origin read a refusal in its envelope, and no other origin', async () => {
    const refusals = [
      { path: '/v1/messages', envelope: 'anthropic' as const },
      { path: '/v1/responses', envelope: 'openai' as const },
      { path: '/v4/ai/image-model', envelope: 'gateway' as const },
    ];
    for (const { path, envelope } of refusals) {
      for (const origin of [hostileOrigin, 'https://evil.example']) {
        const sent: HostileRequest = {
          route: 'CORS',
          name: `POST ${path} from ${origin}`,
          method: 'POST',
          path,
          headers: {
            origin,
            authorization: 'Bearer sk-test-admin',
            'content-type': 'application/json',
          },
          body: '{"truncated":',
          status: 400,
          envelope,
        };
        const response = await rawExchange(running.router.url, serialize(sent));
        const answer = {
          status: response.status,
          header: (name: string) => response.headers[name],
          body: response.body,
        };
        expect(answerProblem(sent, answer), sent.name).toBeUndefined();
        const allowed = origin === hostileOrigin ? origin : undefined;
        expect(response.headers['access-control-allow-origin'], sent.name).toBe(allowed);
      }
    }
  });
});
