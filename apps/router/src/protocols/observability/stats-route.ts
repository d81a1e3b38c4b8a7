import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { InvalidRequestError, PermissionError } from '../../errors/index.ts';
import { recordScopeOf } from '../../observability/record-access.ts';
import { queryStats } from '../../observability/stats-query.ts';
import { defaultStep, parseStep, planStats } from '../../observability/stats-range.ts';
import { dayMs } from '../../observability/store-keys.ts';
import { parseInput } from '../management/parse-input.ts';
import type { ObservabilityRouteDeps } from './observability-route-deps.ts';
import { statsQuerySchema } from './observability-schemas.ts';

/**
 * `GET /api/v1/stats`: requests, errors, tokens, cost, cache hits, guardrail actions, failovers
 * and latency percentiles over a range, per step, optionally grouped by model, provider, key or
 * team, from the rollups (one store round trip). A team-limited management key sees its team.
 * @example routes.get('/stats', manageAuth, statsRoute(deps));
 */
export const statsRoute = (deps: ObservabilityRouteDeps) =>
  async function stats(c: Context<RouterEnv>) {
    const query = parseInput(statsQuerySchema, c.req.query(), 'query');
    const now = deps.now();
    const to = query.to ?? now;
    const from = query.from ?? to - dayMs;
    const stepMs = query.step === undefined ? defaultStep(to - from) : parseStep(query.step);
    const byKey = query.group_by === 'key' || query.key !== undefined;
    const planned = planStats(
      { from, to, stepMs: stepMs ?? 0, byKey },
      { now, hourRetentionMs: Math.max(deps.observability.retentionMs, 2 * dayMs) },
    );
    if (planned.status === 'invalid') {
      throw new InvalidRequestError({ message: planned.message, param: planned.param });
    }
    const scope = recordScopeOf(c.get('principal'));
    let team = query.team;
    if (scope.kind === 'team') {
      if (team !== undefined && team !== scope.team) {
        throw new PermissionError(
          `This management key sees the stats of team '${scope.team}' only.`,
        );
      }
      team = scope.team;
    }
    const key =
      query.key !== undefined && /^[0-9a-f]{64}$/.test(query.key)
        ? query.key.slice(0, 16)
        : query.key;
    const result = await queryStats(deps.observability.store, {
      plan: planned.plan,
      groupBy: query.group_by,
      filter: { model: query.model, provider: query.provider, key, team },
      maxGroups: query.groups,
    });
    if (result.status === 'unavailable') throw result.error;
    return c.json({ data: result.value });
  };
