import { describe, expect, it } from 'vitest';
import { useRouter } from './fixtures.ts';
import {
  groupByRoute,
  type HostileRequest,
  hostileInputConfig,
  hostileRequests,
  isErrorEnvelope,
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
  const wanted = request.status === undefined ? '4xx' : String(request.status);
  const label = `${request.name}: ${response.status}`;
  if (request.status !== undefined && response.status !== request.status) {
    return `${label}, wanted ${wanted}: ${response.body.slice(0, 160)}`;
  }
  if (response.status < 400 || response.status >= 500) return `${label}, wanted ${wanted}`;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `${label} without a JSON body: ${response.body.slice(0, 80)}`;
  }
  if (!isErrorEnvelope(body)) return `${label} without the error envelope: ${response.body}`;
  return undefined;
}

const byRoute = groupByRoute([...hostileRequests(), ...parserLevelRequests]);

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
    if (route.endsWith('(model ids)')) {
      it(`answers hostile model ids for ${route.replace(' (model ids)', '')} with 400 and no upstream call`, async () => {
        const upstreamRequests = running.upstream.requests.length;
        const problems = await problemsWith(requests);
        expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
        expect(running.upstream.requests.length).toBe(upstreamRequests);
      });
    } else {
      it(`answers every hostile request to ${route} with a 4xx in the error envelope`, async () => {
        const problems = await problemsWith(requests);
        expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
      });
    }
  }
});
