import type { RequestRecord } from '../../../observability/request-record.ts';
import type { TargetHealthReport } from '../../../protocols/observability-health/target-health.ts';
import { api } from '../api.ts';
import { h } from '../dom.ts';
import { formatCount, formatMoney, formatMs, formatPercent } from '../format.ts';
import { hashOf } from '../hash-route.ts';
import { numeric, panel, row, table, timeOf } from '../panel.ts';

/** How many of the latest requests the failures panel looks through. */
const failureWindow = 200;

/**
 * Each target's health window, circuit state and score (one request), and the attempts that
 * failed among the latest requests (one request).
 */
export function providersPage(): HTMLElement {
  return h(
    'div',
    { class: 'page' },
    panel('Targets', async () => {
      const { data } = await api<{ data: TargetHealthReport }>('/api/v1/targets/health');
      return [healthTable(data), scoreTable(data)];
    }),
    panel(
      'Recent failures',
      async () => {
        const { data } = await api<{ data: RequestRecord[] }>('/api/v1/requests', {
          query: { limit: failureWindow },
        });
        return failureTable(data);
      },
      { name: 'failures' },
    ),
  );
}

function healthTable(report: TargetHealthReport) {
  const window = `${Math.round(report.health_window_ms / 60_000)} min`;
  return [
    h(
      'p',
      { class: 'muted' },
      `Health over the last ${window}; circuits open at a failure ratio of ${formatPercent(report.circuit_breaker.failureRatio)} over ${report.circuit_breaker.minRequests} requests or more.`,
    ),
    table(
      [
        'Target',
        'Circuit',
        'Requests',
        'Success',
        'Latency',
        'First token',
        'Tokens/s',
        'Price in/out ($/M)',
      ],
      report.targets.map((target) =>
        row(
          [
            target.target,
            h('span', { class: `badge circuit-${target.circuit}` }, target.circuit),
            numeric(formatCount(target.requests)),
            numeric(formatPercent(target.success_rate)),
            numeric(formatMs(target.latency_ms)),
            numeric(formatMs(target.first_token_ms)),
            numeric(target.tokens_per_second === null ? '—' : target.tokens_per_second.toFixed(1)),
            numeric(
              target.price === null
                ? '—'
                : `${formatMoney(target.price.input)} / ${formatMoney(target.price.output)}`,
            ),
          ],
          { 'data-target': target.target, 'data-circuit': target.circuit },
        ),
      ),
    ),
  ];
}

function scoreTable(report: TargetHealthReport) {
  return [
    h('h3', null, 'Scores by alias'),
    table(
      ['Alias', 'Strategy', 'Target', 'Score'],
      report.aliases.flatMap((alias) =>
        alias.scores.map((entry) =>
          row([alias.alias, alias.strategy, entry.target, numeric(entry.score.toFixed(3))]),
        ),
      ),
    ),
  ];
}

function failureTable(records: readonly RequestRecord[]) {
  const failures = records.flatMap((record) =>
    record.route.attempts
      .filter((attempt) => attempt.outcome !== 'ok')
      .map((attempt) => ({ record, attempt })),
  );
  return [
    h(
      'p',
      { class: 'muted' },
      `Failed attempts among the latest ${formatCount(records.length)} requests.`,
    ),
    table(
      ['Time', 'Target', 'Outcome', 'Status', 'Code', 'Duration', 'Request'],
      failures.map(({ record, attempt }) =>
        row(
          [
            timeOf(attempt.start_ms ?? record.time),
            attempt.target,
            attempt.outcome,
            numeric(attempt.status === null ? '—' : String(attempt.status)),
            attempt.code ?? '—',
            numeric(formatMs(attempt.duration_ms)),
            h('a', { href: hashOf('requests', {}, record.id) }, record.id),
          ],
          { 'data-failure': attempt.target },
        ),
      ),
    ),
  ];
}
