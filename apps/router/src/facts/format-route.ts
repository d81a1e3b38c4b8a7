import type { RouteFacts } from './route-facts.ts';

/**
 * `model=chat; rule=0; order=health; targets=mock/echo(0.93),mock/down(0.12);
 * skipped=mock/x(circuit-open); attempts=mock/echo:ok:3ms`
 */
export function formatRoute(route: RouteFacts): string {
  const targets = route.targets.map((target) => {
    const score = route.scores?.[target];
    return score === undefined ? target : `${target}(${score})`;
  });
  const attempts = route.attempts.map(
    (attempt) =>
      `${attempt.target}:${attempt.outcome === 'ok' ? 'ok' : (attempt.status ?? attempt.code ?? 'error')}:${Math.round(attempt.durationMs)}ms`,
  );
  const parts = [`model=${route.requested}`];
  if (route.rule !== undefined) parts.push(`rule=${route.rule}`);
  if (route.reason !== undefined) parts.push(`order=${route.reason}`);
  parts.push(`targets=${targets.join(',')}`);
  if (route.skipped !== undefined) {
    parts.push(
      `skipped=${route.skipped.map((skip) => `${skip.target}(${skip.reason})`).join(',')}`,
    );
  }
  parts.push(`attempts=${attempts.join(',')}`);
  if (route.segments.length > 1) {
    parts.push(`segments=${route.segments.map((s) => `${s.target}:${s.outcome}`).join(',')}`);
  }
  return parts.join('; ');
}
