import type { AttemptRecord, RouteFacts, Segment } from '../facts/route-facts.ts';
import type { RecordAttempt, RecordStatus } from './request-record.ts';

/** How a request ended, from its status line, its error and its stream segments. */
export interface RequestOutcome {
  status: RecordStatus;
  errorType: string | null;
  errorCode: string | null;
  /** A stream broke off after it started. */
  interrupted: boolean;
  /** Another target took over a broken stream. */
  continued: boolean;
  /** The attempts, with an opened stream that later broke off marked `interrupted`. */
  attempts: RecordAttempt[];
}

export interface OutcomeInput {
  httpStatus: number;
  /** The error the request ended with, as the error handler answered it. */
  error?: { type: string; code: string | null };
  facts?: RouteFacts;
  /** The client stopped reading the body before its end. */
  cancelled: boolean;
}

/**
 * The final outcome of a request. The status line alone says too little: a stream answers 200
 * before its first token, so one that broke off later and was continued elsewhere, or failed,
 * still shows 200. Its segments say what happened; each attempt that opened a stream is matched
 * with the segment it produced (they are recorded in the same order).
 *
 * @example
 * requestOutcome({ httpStatus: 200, facts, cancelled: false })
 * // { status: 'error', errorCode: 'stream_interrupted', interrupted: true, attempts: [{ outcome: 'interrupted', ... }] }
 */
export function requestOutcome(input: OutcomeInput): RequestOutcome {
  const segments = input.facts?.segments ?? [];
  const attempts = matchSegments(input.facts?.attempts ?? [], segments);
  const interrupted = segments.some((segment) => segment.outcome === 'error');
  const continued = interrupted && segments.length > 1;
  const common = { interrupted, continued, attempts };
  if (input.httpStatus >= 400) {
    return {
      ...common,
      status: 'error',
      errorType:
        input.error?.type ?? (input.httpStatus >= 500 ? 'api_error' : 'invalid_request_error'),
      errorCode: input.error?.code ?? null,
    };
  }
  const last = segments.at(-1)?.outcome;
  if (last === 'error') {
    return {
      ...common,
      status: 'error',
      errorType: 'upstream_error',
      errorCode: 'stream_interrupted',
    };
  }
  const cancelled = last === 'cancelled' || input.cancelled;
  return {
    ...common,
    status: cancelled ? 'cancelled' : 'success',
    errorType: null,
    errorCode: null,
  };
}

function matchSegments(attempts: AttemptRecord[], segments: Segment[]): RecordAttempt[] {
  let next = 0;
  return attempts.map((attempt) => {
    let outcome: RecordAttempt['outcome'] = attempt.outcome;
    if (attempt.outcome === 'ok') {
      const segment = segments[next];
      next += 1;
      if (segment?.outcome === 'error') outcome = 'interrupted';
      else if (segment?.outcome === 'cancelled') outcome = 'cancelled';
    }
    return {
      target: attempt.target,
      outcome,
      status: attempt.status ?? null,
      code: attempt.code ?? null,
      duration_ms: Math.round(attempt.durationMs * 10) / 10,
      start_ms: attempt.startMs ?? null,
    };
  });
}
