import type { Context, MiddlewareHandler } from 'hono';
import { type RouterEnv, waitUntil } from '../context.ts';
import {
  idempotencyKeyInUse,
  idempotencyKeyReused,
  idempotencyUnavailable,
} from '../idempotency/idempotency-errors.ts';
import { idempotencyKeyHeader, parseIdempotencyKey } from '../idempotency/idempotency-key.ts';
import type { ClaimTicket, IdempotencyStore } from '../idempotency/idempotency-store.ts';
import { fingerprintRequest } from '../idempotency/request-fingerprint.ts';
import {
  idempotencyStatusHeader,
  replayedResponse,
  storedAnswer,
} from '../idempotency/stored-answer.ts';

/** Seconds a client should wait before retrying a key whose first request still runs. */
const inUseRetryAfterSeconds = 1;

/**
 * `Idempotency-Key` for model calls: the same key and request within 24 hours get the first
 * answer replayed (`Idempotent-Replayed: true`) instead of a second upstream call; while the
 * first still runs, 409; the key with another request, 422. Keys are per tenant. Only
 * successful answers are kept (a failure releases the key, so a retry really retries); streams
 * are served as usual, never deduplicated. A store that cannot answer fails the request (503):
 * the key asked for at most one charge. Goes after auth and the body parser; the store comes
 * from `c.get('idempotency')` (without it, keys are ignored).
 * @example app.post('/v1/embeddings', auth, body, idempotency(), embeddings);
 */
export const idempotency = (): MiddlewareHandler<RouterEnv> =>
  async function idempotency(c, next) {
    const header = c.req.header(idempotencyKeyHeader);
    const keys = c.get('idempotency');
    if (header === undefined || keys === undefined) return next();
    const key = parseIdempotencyKey(header);
    if (asksForStream(c)) {
      await next();
      c.res.headers.set(idempotencyStatusHeader, 'stream');
      return;
    }
    const fingerprint = fingerprintRequest({
      method: c.req.method,
      path: c.req.path,
      header: (name) => c.req.header(name),
      body: c.get('body'),
    });
    const claim = await keys.claim(c.get('tenant'), key, fingerprint);
    switch (claim.status) {
      case 'replay':
        return replayedResponse(claim.answer);
      case 'in_progress':
        // Prepared headers reach the error response the protocol's error handler writes.
        c.header('retry-after', String(inUseRetryAfterSeconds));
        throw idempotencyKeyInUse();
      case 'mismatch':
        throw idempotencyKeyReused();
      case 'unavailable':
        throw idempotencyUnavailable(claim.error);
    }
    detachFromClient(c);
    const served = serveAndKeep(c, next, keys, claim.ticket);
    // On Workers the answer is still kept when the client has gone (that is when it retries).
    waitUntil(c, served);
    await served;
  };

async function serveAndKeep(
  c: Context<RouterEnv>,
  next: () => Promise<void>,
  keys: IdempotencyStore,
  ticket: ClaimTicket,
): Promise<void> {
  try {
    await next();
  } catch (error) {
    await keys.release(ticket);
    throw error;
  }
  const response = c.res;
  if (!response.ok || isEventStream(response)) {
    await keys.release(ticket);
    return;
  }
  const kept = await keys.keep(
    ticket,
    await storedAnswer(response, c.get('route'), c.get('requestId')),
  );
  c.res.headers.set(idempotencyStatusHeader, kept === 'stored' ? 'stored' : 'not-stored');
}

/**
 * Serves the request on a request without the client's abort signal: when a client times out
 * and retries, the first answer is finished and kept, and the retry replays it instead of
 * paying for a second one. The attempt deadlines still bound it.
 */
function detachFromClient(c: Context<RouterEnv>): void {
  const { url, method, headers } = c.req.raw;
  c.req.raw = new Request(url, { method, headers });
}

/** `stream: true` in the body (OpenAI, Responses, Anthropic) or the gateway protocol's header. */
function asksForStream(c: Context<RouterEnv>): boolean {
  const body = c.get('body');
  const streamed =
    typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
  return streamed || c.req.header('ai-language-model-streaming') === 'true';
}

const isEventStream = (response: Response) =>
  response.headers.get('content-type')?.startsWith('text/event-stream') === true;
