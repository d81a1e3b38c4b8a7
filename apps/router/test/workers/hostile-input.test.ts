import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { answerProblem } from '../e2e/hostile-input-answers.ts';
import { groupByRoute, type HostileRequest, hostileRequests } from '../e2e/hostile-input-cases.ts';

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
  const problem = answerProblem(request, {
    status: response.status,
    header: (name) => response.headers.get(name),
    body: await response.text(),
  });
  return problem === undefined ? undefined : `${request.name}: ${problem}`;
}

// The bound configuration (test/integration) has no CORS, and no google or azure provider.
const byRoute = groupByRoute(hostileRequests({ cors: false }));

describe('hostile input inside workerd', () => {
  for (const [route, requests] of byRoute) {
    it(`answers every hostile request to ${route} with a 4xx in its error envelope`, async () => {
      const problems: string[] = [];
      for (const request of requests) {
        const problem = await problemWith(request);
        if (problem !== undefined) problems.push(problem);
      }
      expect(problems, `${problems.length} of ${requests.length}`).toEqual([]);
    });
  }
});
