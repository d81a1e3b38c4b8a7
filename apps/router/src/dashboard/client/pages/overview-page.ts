import type { StatsGroup, StatsResult } from '../../../observability/stats-query.ts';
import { api } from '../api.ts';
import { chartOf } from '../charts.ts';
import { h, listen } from '../dom.ts';
import { formatCount, formatMoney, formatMs, formatPercent } from '../format.ts';
import { hashOf } from '../hash-route.ts';
import { numeric, panel, row, table } from '../panel.ts';

/** The ranges the overview offers, each with a step that gives a readable number of points. */
export const overviewRanges = {
  '1h': { ms: 3_600_000, step: '1m' },
  '24h': { ms: 86_400_000, step: '1h' },
  '7d': { ms: 7 * 86_400_000, step: '6h' },
  '30d': { ms: 30 * 86_400_000, step: '1d' },
} as const;
type RangeName = keyof typeof overviewRanges;
const groupings = ['model', 'provider', 'key', 'team'] as const;
type Grouping = (typeof groupings)[number];

/**
 * Requests, spend, error and cache-hit rates, latency and first-token percentiles for a range,
 * with spend stacked by the chosen grouping, latency and errors over time: one stats request.
 */
export function overviewPage(params: URLSearchParams): HTMLElement {
  const asked = params.get('range') ?? '';
  const range: RangeName = Object.hasOwn(overviewRanges, asked) ? (asked as RangeName) : '24h';
  const group: Grouping = groupings.find((name) => name === params.get('group')) ?? 'model';
  const { ms, step } = overviewRanges[range];
  const controls = h(
    'div',
    { class: 'controls' },
    choice('Range', 'range', Object.keys(overviewRanges), range, (value) =>
      hashOf('overview', { range: value, group }),
    ),
    choice('Spend by', 'group', groupings, group, (value) =>
      hashOf('overview', { range, group: value }),
    ),
  );
  const to = Date.now();
  const stats = panel(
    'Overview',
    async () => {
      const { data } = await api<{ data: StatsResult }>('/api/v1/stats', {
        query: { from: to - ms, to, step, group_by: group, groups: 8 },
      });
      stats.dataset.from = data.from;
      stats.dataset.to = data.to;
      stats.dataset.stepMs = String(data.step_ms);
      return [tiles(data), charts(data, group), groupTable(data.groups, group)];
    },
    { name: 'overview', actions: controls },
  );
  return stats;
}

function choice(
  label: string,
  name: string,
  options: readonly string[],
  selected: string,
  target: (value: string) => string,
) {
  const select = h(
    'select',
    { name, 'aria-label': label },
    options.map((option) => h('option', { value: option, selected: option === selected }, option)),
  );
  listen(select, 'change', () => {
    location.hash = target(select.value);
  });
  return h('label', { class: 'control' }, `${label} `, select);
}

function tiles(data: StatsResult) {
  const { totals } = data;
  const tile = (metric: string, label: string, value: number | null, text: string) =>
    h(
      'div',
      { class: 'tile', 'data-metric': metric, 'data-value': value === null ? '' : String(value) },
      h('span', { class: 'tile-label' }, label),
      h('strong', { class: 'tile-value' }, text),
    );
  return h(
    'div',
    { class: 'tiles' },
    tile('requests', 'Requests', totals.requests, formatCount(totals.requests)),
    tile('spend', 'Spend', totals.cost, formatMoney(totals.cost)),
    tile('error_rate', 'Error rate', totals.error_rate, formatPercent(totals.error_rate)),
    tile(
      'cache_hit_rate',
      'Cache hit rate',
      totals.cache_hit_rate,
      formatPercent(totals.cache_hit_rate),
    ),
    tile('latency_p50', 'Latency p50', totals.latency_ms.p50, formatMs(totals.latency_ms.p50)),
    tile('latency_p95', 'Latency p95', totals.latency_ms.p95, formatMs(totals.latency_ms.p95)),
    tile(
      'first_token_p50',
      'First token p50',
      totals.first_token_ms.p50,
      formatMs(totals.first_token_ms.p50),
    ),
    tile(
      'first_token_p95',
      'First token p95',
      totals.first_token_ms.p95,
      formatMs(totals.first_token_ms.p95),
    ),
    tile('failovers', 'Failovers', totals.failovers, formatCount(totals.failovers)),
  );
}

function charts(data: StatsResult, group: Grouping) {
  const { times, totals } = data;
  const series = totals.series;
  return h(
    'div',
    { class: 'charts' },
    chartOf({
      title: `Spend by ${group}`,
      times,
      stacked: true,
      format: formatMoney,
      series: data.groups.map((entry) => ({ label: groupName(entry), values: entry.series.cost })),
    }),
    chartOf({
      title: 'Latency and first token',
      times,
      format: formatMs,
      series: [
        { label: 'latency p50', values: series.latency_p50 },
        { label: 'latency p95', values: series.latency_p95 },
        { label: 'first token p50', values: series.first_token_p50 },
        { label: 'first token p95', values: series.first_token_p95 },
      ],
    }),
    chartOf({
      title: 'Errors and failovers',
      times,
      format: formatCount,
      series: [
        { label: 'errors', values: series.errors },
        { label: 'failovers', values: series.failovers },
      ],
    }),
  );
}

/** A key shows as its masked label; the team-less group as "no team". */
function groupName(entry: StatsGroup): string {
  if (entry.label !== undefined) return entry.label;
  return entry.key === '' ? '(none)' : entry.key;
}

function groupTable(groups: readonly StatsGroup[], group: Grouping) {
  return table(
    [
      group[0]?.toUpperCase() + group.slice(1),
      'Requests',
      'Spend',
      'Error rate',
      'Latency p50',
      'Latency p95',
      'First token p95',
    ],
    groups.map((entry) =>
      row(
        [
          groupName(entry),
          numeric(formatCount(entry.requests)),
          numeric(formatMoney(entry.cost)),
          numeric(formatPercent(entry.error_rate)),
          numeric(formatMs(entry.latency_ms.p50)),
          numeric(formatMs(entry.latency_ms.p95)),
          numeric(formatMs(entry.first_token_ms.p95)),
        ],
        { 'data-group': entry.key },
      ),
    ),
  );
}
