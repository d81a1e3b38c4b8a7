import { describe, expect, it } from 'vitest';
import { type RouteFacts, startFacts } from '../facts/route-facts.ts';
import { requestOutcome } from './request-outcome.ts';

function facts(change: Partial<RouteFacts>): RouteFacts {
  return { ...startFacts('chat'), ...change };
}

const opened = (target: string) => ({ target, outcome: 'ok' as const, durationMs: 5 });

describe('requestOutcome', () => {
  it('marks the attempt whose stream broke off as interrupted, and the request as continued', () => {
    const outcome = requestOutcome({
      httpStatus: 200,
      cancelled: false,
      facts: facts({
        attempts: [opened('a/cut'), opened('b/echo')],
        segments: [
          { target: 'a/cut', outcome: 'error' },
          { target: 'b/echo', outcome: 'ok' },
        ],
      }),
    });
    expect(outcome).toMatchObject({ status: 'success', interrupted: true, continued: true });
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'ok']);
  });

  it('calls a stream that broke off with nothing to continue it an error, whatever its 200', () => {
    const outcome = requestOutcome({
      httpStatus: 200,
      cancelled: false,
      facts: facts({
        attempts: [
          opened('a/cut'),
          { target: 'b/x', outcome: 'error', status: 503, durationMs: 1 },
        ],
        segments: [{ target: 'a/cut', outcome: 'error' }],
      }),
    });
    expect(outcome).toMatchObject({
      status: 'error',
      errorType: 'upstream_error',
      errorCode: 'stream_interrupted',
      interrupted: true,
      continued: false,
    });
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'error']);
  });

  it('matches segments to the attempts that opened them, past failed attempts in between', () => {
    const outcome = requestOutcome({
      httpStatus: 200,
      cancelled: false,
      facts: facts({
        attempts: [
          { target: 'a/down', outcome: 'error', status: 503, durationMs: 1 },
          opened('b/cut'),
          { target: 'c/down', outcome: 'error', status: 503, durationMs: 1 },
          opened('d/echo'),
        ],
        segments: [
          { target: 'b/cut', outcome: 'error' },
          { target: 'd/echo', outcome: 'cancelled' },
        ],
      }),
    });
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual([
      'error',
      'interrupted',
      'error',
      'cancelled',
    ]);
    expect(outcome.status).toBe('cancelled');
  });

  it('takes the error type and code of a refused request from its error', () => {
    expect(
      requestOutcome({
        httpStatus: 429,
        cancelled: false,
        error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
      }),
    ).toMatchObject({
      status: 'error',
      errorType: 'rate_limit_error',
      errorCode: 'rate_limit_exceeded',
    });
  });

  it('calls a body the client stopped reading cancelled', () => {
    expect(requestOutcome({ httpStatus: 200, cancelled: true }).status).toBe('cancelled');
    expect(requestOutcome({ httpStatus: 200, cancelled: false }).status).toBe('success');
  });
});
