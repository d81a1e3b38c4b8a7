import type { Context, MiddlewareHandler } from 'hono';
import type { Cost } from '../accounting/compute-cost.ts';
import { type RouterEnv, waitUntil } from '../context.ts';
import { GatewayError } from '../errors/index.ts';
import { formatRoute } from '../facts/format-route.ts';
import type { AttemptRecord, Segment } from '../facts/route-facts.ts';
import { requestIdTime } from '../observability/request-ids.ts';
import type { RequestObservation } from '../observability/request-observation.ts';
import { requestOutcome } from '../observability/request-outcome.ts';
import type { RecordStatus } from '../observability/request-record.ts';
import { fusedStream, sourceOf } from '../streams/fused-stream.ts';

/** One line per request: what was asked, what served it, how, and what it cost. Never bodies or keys. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** The final outcome: a stream that broke off after its 200 is an `error`. */
  outcome: RecordStatus;
  errorType?: string;
  errorCode?: string;
  /** A stream broke off after it started; `continued` when another target took over. */
  interrupted?: true;
  continued?: true;
  /** Until the last byte for streams, until the response otherwise. */
  durationMs: number;
  stream?: boolean;
  model?: string;
  provider?: string;
  servedModel?: string;
  /** Every try; one that opened a stream which later broke off is `interrupted`. */
  attempts?: LoggedAttempt[];
  /** When a stream broke off or was continued: each target's share, with its own usage and cost. */
  segments?: Segment[];
  route?: string;
  inputTokens?: number;
  outputTokens?: number;
  cost?: Cost;
  cache?: 'HIT' | 'MISS' | 'BYPASS';
  /** On a cache hit: what the answer cost when it was made. */
  savedCost?: Cost;
  finishReason?: string;
}

/** An attempt as the log shows it: a stream it opened may have been interrupted or cancelled later. */
export type LoggedAttempt = Omit<AttemptRecord, 'outcome'> & {
  outcome: 'ok' | 'error' | 'interrupted' | 'cancelled';
};

export type RequestLogger = (entry: RequestLogEntry) => void;

export const consoleRequestLogger: RequestLogger = (entry) => console.log(JSON.stringify(entry));

/** What hears of each finished request besides the log line: records, rollups, traces. */
export type RequestObserver = (
  observation: RequestObservation,
  background: (work: Promise<unknown>) => void,
) => void;

export interface RequestLogOptions {
  /** Writes one line per request; undefined: no log lines. */
  logger?: RequestLogger;
  observe?: RequestObserver;
  /** Epoch ms (default `Date.now`). */
  now?: () => number;
}

/**
 * Observes each request once it is complete (for a stream, once its last event was sent or the
 * client left) and hands what it saw to the logger and the observer.
 * @example app.use(requestLog({ logger: consoleRequestLogger, observe }));
 */
export const requestLog = (options: RequestLogOptions): MiddlewareHandler<RouterEnv> => {
  const now = options.now ?? Date.now;
  return async function requestLog(c, next) {
    // The id carries the arrival time: the record is stored where its id says.
    const startedAt = requestIdTime(c.get('requestId') ?? '') ?? now();
    const started = performance.now();
    await next();
    const streaming = c.res.headers.get('content-type')?.startsWith('text/event-stream') === true;
    const headersAfterMs = performance.now() - started;
    let written = false;
    const write = (cancelled: boolean) => {
      if (written) return;
      written = true;
      const observation = observe(c, { startedAt, streaming, cancelled, headersAfterMs });
      observation.durationMs = performance.now() - started;
      options.logger?.(logEntry(observation));
      options.observe?.(observation, (work) => waitUntil(c, work));
    };
    if (!streaming || c.res.body === null) return write(false);
    // A client that leaves early cancels the body: observe what is known then.
    const reader = sourceOf(c.res.body);
    const tracked = fusedStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          write(false);
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        write(true);
        return reader.cancel(reason);
      },
    });
    c.res = new Response(tracked, c.res);
  };
};

function observe(
  c: Context<RouterEnv>,
  seen: { startedAt: number; streaming: boolean; cancelled: boolean; headersAfterMs: number },
): RequestObservation {
  const error = c.error;
  const observation: RequestObservation = {
    requestId: c.get('requestId'),
    startedAt: seen.startedAt,
    method: c.req.method,
    path: c.req.path,
    httpStatus: c.res.status,
    principal: c.get('principal'),
    facts: c.get('route'),
    stream: seen.streaming,
    cancelled: seen.cancelled,
    durationMs: 0,
    traceparent: c.req.header('traceparent'),
    body: c.get('body'),
  };
  if (seen.streaming) observation.firstTokenMs = seen.headersAfterMs;
  if (GatewayError.isInstance(error)) observation.error = { type: error.type, code: error.code };
  else if (error !== undefined) observation.error = { type: 'api_error', code: 'internal_error' };
  return observation;
}

function logEntry(observation: RequestObservation): RequestLogEntry {
  const { facts } = observation;
  const outcome = requestOutcome(observation);
  const brokeOff = facts?.segments.some((segment) => segment.outcome !== 'ok') === true;
  return {
    requestId: observation.requestId,
    method: observation.method,
    path: observation.path,
    status: observation.httpStatus,
    outcome: outcome.status,
    ...(outcome.errorType !== null && { errorType: outcome.errorType }),
    ...(outcome.errorCode !== null && { errorCode: outcome.errorCode }),
    ...(outcome.interrupted && { interrupted: true }),
    ...(outcome.continued && { continued: true }),
    durationMs: Math.round(observation.durationMs * 10) / 10,
    ...(observation.stream && { stream: true }),
    ...(facts && {
      model: facts.requested,
      provider: facts.served?.providerId,
      servedModel: facts.served?.modelId,
      attempts: outcome.attempts.map(
        ({ target, outcome, status, code, duration_ms }): LoggedAttempt => ({
          target,
          outcome,
          ...(status !== null && { status }),
          ...(code !== null && { code }),
          durationMs: duration_ms,
        }),
      ),
      ...((facts.segments.length > 1 || brokeOff) && { segments: facts.segments }),
      route: formatRoute(facts),
      inputTokens: facts.usage?.inputTokens.total,
      outputTokens: facts.usage?.outputTokens.total,
      cost: facts.cost,
      cache: facts.cache?.status,
      savedCost: facts.cache?.savedCost,
      finishReason: facts.finishReason,
    }),
  };
}
