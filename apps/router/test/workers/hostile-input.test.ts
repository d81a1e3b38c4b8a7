import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  groupByRoute,
  type HostileRequest,
  hostileRequests,
  isErrorEnvelope,
} from '../e2e/hostile-input-cases.ts';

/** The request as workerd would hand it over, or undefined when no client could send it. */
function toRequest(request: HostileRequest): Request | undefined {
  try {
    return new Request(`http://router.test${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
  } catch {
    return undefined;
  }
}

async function problemWith(request: HostileRequest): Promise<string | undefined> {
  const sent = toRequest(request);
  if (sent === undefined) return undefined;
  const response = await exports.default.fetch(sent);
  const text = await response.text();
  const label = `${request.name}: ${response.status}`;
  if (request.status !== undefined && response.status !== request.status) {
    return `${label}, wanted ${request.status}: ${text.slice(0, 160)}`;
  }
  if (response.status < 400 || response.status >= 500) return `${label}, wanted a 4xx`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${label} without a JSON body: ${text.slice(0, 80)}`;
  }
  return isErrorEnvelope(body) ? undefined : `${label} without the error envelope: ${text}`;
}

const byRoute = groupByRoute(hostileRequests());

// The bound configuration (test/integration) has no google or azure provider: those ids are 404s.
describe('hostile input inside workerd', () => {
  for (const [route, requests] of byRoute) {
    it(`answers every hostile request to ${route} with a 4xx in the error envelope`, async () => {
      const problems: string[] = [];
      for (const request of requests) {
        const problem = await problemWith(request);
        if (problem !== undefined) problems.push(problem);
      }
      expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
    });
  }
});
