import type { RouteFacts } from '../facts/route-facts.ts';
import { routeHeaders } from '../facts/route-headers.ts';
import type { StoredAnswer } from './idempotency-record.ts';

/** Says how the gateway handled the key: `stored`, `replayed`, `not-stored` or `stream`. */
export const idempotencyStatusHeader = 'x-switchyard-idempotency';
/** On a replay: the request that produced (and paid for) the answer. */
export const originalRequestIdHeader = 'x-switchyard-original-request-id';

/** Per-request headers: a replay gets its own request id, and limits as they are now. */
const notReplayed = new Set(['x-switchyard-request-id', idempotencyStatusHeader]);

/**
 * The answer as it will be replayed: its status, body and content type, and the `x-switchyard-*`
 * headers that explain which target served it (from the route facts, which the header
 * middleware only writes after this point).
 * @example const answer = await storedAnswer(c.res, c.get('route'), c.get('requestId'));
 */
export async function storedAnswer(
  response: Response,
  route: RouteFacts | undefined,
  requestId: string,
): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  const contentType = response.headers.get('content-type');
  if (contentType !== null) headers['content-type'] = contentType;
  const described = route === undefined ? {} : routeHeaders(route);
  for (const [name, value] of [...response.headers, ...Object.entries(described)]) {
    if (name.startsWith('x-switchyard-') && !notReplayed.has(name)) headers[name] = value;
  }
  return { status: response.status, headers, body: await response.clone().text(), requestId };
}

/** The stored answer again, marked as a replay (`Idempotent-Replayed`, as Stripe names it). */
export function replayedResponse(answer: StoredAnswer): Response {
  const headers = new Headers(answer.headers);
  headers.set('idempotent-replayed', 'true');
  headers.set(idempotencyStatusHeader, 'replayed');
  headers.set(originalRequestIdHeader, answer.requestId);
  return new Response(answer.body, { status: answer.status, headers });
}
