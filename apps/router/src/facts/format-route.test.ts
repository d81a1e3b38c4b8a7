import { describe, expect, it } from 'vitest';
import { formatRoute } from './format-route.ts';
import { startFacts } from './route-facts.ts';

describe('formatRoute', () => {
  it('lists the decision, scores, skips and attempts in one line', () => {
    expect(
      formatRoute({
        ...startFacts('chat'),
        rule: 0,
        reason: 'health',
        targets: ['mock/echo', 'mock/down'],
        scores: { 'mock/echo': 0.93, 'mock/down': 0.12 },
        skipped: [{ target: 'mock/x', reason: 'circuit-open' }],
        attempts: [
          {
            target: 'mock/down',
            outcome: 'error',
            status: 503,
            code: 'upstream_503',
            durationMs: 12.6,
          },
          { target: 'mock/slow', outcome: 'error', code: 'upstream_timeout', durationMs: 100 },
          { target: 'mock/echo', outcome: 'ok', durationMs: 3 },
        ],
      }),
    ).toBe(
      'model=chat; rule=0; order=health; targets=mock/echo(0.93),mock/down(0.12); ' +
        'skipped=mock/x(circuit-open); ' +
        'attempts=mock/down:503:13ms,mock/slow:upstream_timeout:100ms,mock/echo:ok:3ms',
    );
  });

  it('names the segments only when another target took over a stream', () => {
    const one = { ...startFacts('chat'), segments: [{ target: 'a/one', outcome: 'ok' as const }] };
    expect(formatRoute(one)).not.toContain('segments=');
    const two = {
      ...startFacts('chat'),
      segments: [
        { target: 'a/one', outcome: 'error' as const },
        { target: 'b/two', outcome: 'ok' as const },
      ],
    };
    expect(formatRoute(two)).toBe('model=chat; targets=; attempts=; segments=a/one:error,b/two:ok');
  });
});
