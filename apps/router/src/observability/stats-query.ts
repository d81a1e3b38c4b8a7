import type { GuardedStore, StoreResult } from '../store/store-result.ts';
import { addEncodedDense, type DenseVector, denseVector } from './sparse-vector.ts';
import type { StatsPlan } from './stats-range.ts';
import { type StatsSummary, summarize } from './stats-summary.ts';
import { granularityMs, observabilityKeys, overflowField } from './store-keys.ts';

export type StatsGroupBy = 'model' | 'provider' | 'key' | 'team';

export interface StatsQuery {
  plan: StatsPlan;
  groupBy?: StatsGroupBy;
  /** Only requests of this model (`provider/model` that served it), provider, key id or team. */
  filter: { model?: string; provider?: string; key?: string; team?: string };
  /** Most groups listed; the rest are summed into one `other` group. */
  maxGroups: number;
}

/** Per point of the range, aligned with `times`. */
export interface StatsSeries {
  requests: number[];
  errors: number[];
  cost: number[];
  input_tokens: number[];
  output_tokens: number[];
  cache_hits: number[];
  failovers: number[];
  guardrail_actions: number[];
  latency_p50: (number | null)[];
  latency_p95: (number | null)[];
  first_token_p50: (number | null)[];
  first_token_p95: (number | null)[];
}

export interface StatsGroup extends StatsSummary {
  /** The model, provider, key id or team (`''`: no team); `other` sums the groups left out. */
  key: string;
  /** For keys: the masked key and its team. */
  label?: string;
  team?: string | null;
  series: StatsSeries;
}

export interface StatsResult {
  from: string;
  to: string;
  step_ms: number;
  granularity: StatsPlan['granularity'];
  group_by: StatsGroupBy | null;
  /** Start of each point (ISO 8601). */
  times: string[];
  totals: StatsSummary & { series: StatsSeries };
  groups: StatsGroup[];
}

const dimension: Record<StatsGroupBy, number> = { model: 0, provider: 1, key: 2, team: 3 };

/**
 * Counters, rates and latency percentiles over a range, from the rollups alone: one round trip
 * reads every bucket of the range (thirty day rollups for a month at a daily step).
 * @example await queryStats(store, { plan, groupBy: 'model', filter: { team: 'research' }, maxGroups: 10 })
 */
export async function queryStats(
  store: GuardedStore,
  query: StatsQuery,
): Promise<StoreResult<StatsResult>> {
  const { plan } = query;
  const keys = plan.buckets.map((bucket) => observabilityKeys.rollup(plan.granularity, bucket));
  if (query.groupBy === 'key') keys.push(observabilityKeys.keyNames);
  const read = await store.getFieldsMany(keys);
  if (read.status === 'unavailable') return read;
  const points = (plan.to - plan.from) / plan.stepMs;
  const totals = new Map<number, DenseVector>();
  const groups = new Map<string, Map<number, DenseVector>>();
  const size = granularityMs[plan.granularity];
  const filter = Object.entries(query.filter).filter(([, value]) => value !== undefined);
  // The same groups recur in every bucket: each is split once.
  const parsed = new Map<string, string[] | undefined>();
  const groupOf = (field: string) => {
    if (parsed.has(field)) return parsed.get(field);
    const group = field === overflowField ? undefined : field.split('\t');
    parsed.set(field, group);
    return group;
  };
  for (const [at, bucket] of plan.buckets.entries()) {
    const point = Math.floor((bucket * size - plan.from) / plan.stepMs);
    const total = vectorAt(totals, point);
    for (const [field, text] of Object.entries(read.value[at] ?? {})) {
      const group = filter.length > 0 || query.groupBy !== undefined ? groupOf(field) : undefined;
      if (filter.length > 0 && !matches(group, filter)) continue;
      addEncodedDense(total, text);
      if (query.groupBy === undefined) continue;
      const name = group?.[dimension[query.groupBy]] ?? 'other';
      const byPoint = groups.get(name) ?? new Map<number, DenseVector>();
      groups.set(name, byPoint);
      addEncodedDense(vectorAt(byPoint, point), text);
    }
  }
  const names = query.groupBy === 'key' ? (read.value.at(-1) ?? {}) : {};
  return {
    status: 'ok',
    value: {
      from: new Date(plan.from).toISOString(),
      to: new Date(plan.to).toISOString(),
      step_ms: plan.stepMs,
      granularity: plan.granularity,
      group_by: query.groupBy ?? null,
      times: Array.from({ length: points }, (_, index) =>
        new Date(plan.from + index * plan.stepMs).toISOString(),
      ),
      totals: { ...summarize(sum(totals.values())), series: seriesOf(totals, points) },
      groups: rankGroups(groups, query.maxGroups).map(([key, byPoint]) => ({
        key,
        ...keyName(names[key]),
        ...summarize(sum(byPoint.values())),
        series: seriesOf(byPoint, points),
      })),
    },
  };
}

/** The groups by cost, then requests; past `max`, the rest summed into `other`. */
function rankGroups(groups: Map<string, Map<number, DenseVector>>, max: number) {
  const ranked = [...groups.entries()]
    .map(([key, byPoint]) => ({ key, byPoint, summary: summarize(sum(byPoint.values())) }))
    .sort(
      (a, b) =>
        b.summary.cost - a.summary.cost ||
        b.summary.requests - a.summary.requests ||
        (a.key < b.key ? -1 : 1),
    );
  const kept = ranked.filter(({ key }) => key !== 'other').slice(0, max);
  const rest = ranked.filter((group) => !kept.includes(group));
  const result: [string, Map<number, DenseVector>][] = kept.map(({ key, byPoint }) => [
    key,
    byPoint,
  ]);
  if (rest.length > 0) {
    const other = new Map<number, DenseVector>();
    for (const { byPoint } of rest)
      for (const [point, vector] of byPoint) mergeInto(vectorAt(other, point), vector);
    result.push(['other', other]);
  }
  return result;
}

function seriesOf(byPoint: Map<number, DenseVector>, points: number): StatsSeries {
  const summaries = Array.from({ length: points }, (_, point) =>
    summarize(byPoint.get(point) ?? empty),
  );
  const column = <T>(pick: (summary: StatsSummary) => T) => summaries.map(pick);
  return {
    requests: column((s) => s.requests),
    errors: column((s) => s.errors),
    cost: column((s) => s.cost),
    input_tokens: column((s) => s.input_tokens),
    output_tokens: column((s) => s.output_tokens),
    cache_hits: column((s) => s.cache_hits),
    failovers: column((s) => s.failovers),
    guardrail_actions: column((s) => s.guardrail_actions),
    latency_p50: column((s) => s.latency_ms.p50),
    latency_p95: column((s) => s.latency_ms.p95),
    first_token_p50: column((s) => s.first_token_ms.p50),
    first_token_p95: column((s) => s.first_token_ms.p95),
  };
}

function keyName(stored: string | undefined): { label?: string; team?: string | null } {
  if (stored === undefined) return {};
  const [label, team] = stored.split('\t');
  return { label, team: team === undefined || team === '' ? null : team };
}

/** Whether a group (undefined: the overflow, whose groups are unknown) passes every filter. */
function matches(group: string[] | undefined, filter: [string, string | undefined][]): boolean {
  return (
    group !== undefined &&
    filter.every(([name, value]) => group[dimension[name as StatsGroupBy]] === value)
  );
}

function vectorAt(byPoint: Map<number, DenseVector>, point: number): DenseVector {
  const vector = byPoint.get(point) ?? denseVector();
  byPoint.set(point, vector);
  return vector;
}

function sum(vectors: Iterable<DenseVector>): DenseVector {
  const total = denseVector();
  for (const vector of vectors) mergeInto(total, vector);
  return total;
}

function mergeInto(into: DenseVector, vector: DenseVector): void {
  for (let slot = 0; slot < into.length; slot += 1) {
    into[slot] = (into[slot] as number) + (vector[slot] ?? 0);
  }
}

const empty = denseVector();
