import type { generationOf } from '../../../protocols/observability/generation-shape.ts';
import { api } from '../api.ts';
import { type Child, h } from '../dom.ts';
import { formatCount, formatMoney, formatMs } from '../format.ts';
import { hashOf } from '../hash-route.ts';
import { numeric, panel, row, table, timeOf } from '../panel.ts';

type Generation = ReturnType<typeof generationOf>;

/** One request: what it cost and the whole route explanation, from the generation lookup. */
export function requestDetailPage(id: string): HTMLElement {
  return h(
    'div',
    { class: 'page' },
    h('p', null, h('a', { href: hashOf('requests') }, '« All requests')),
    panel(
      `Request ${id}`,
      async () => {
        const { data } = await api<{ data: Generation }>('/api/v1/generation', { query: { id } });
        return [summary(data), route(data)];
      },
      { name: 'request' },
    ),
  );
}

function facts(entries: readonly (readonly [string, Child])[]) {
  return h(
    'dl',
    { class: 'facts' },
    entries.map(([term, value]) => [h('dt', null, term), h('dd', { 'data-fact': term }, value)]),
  );
}

function summary(data: Generation) {
  const own = data.switchyard;
  return facts([
    ['Time', timeOf(data.created_at)],
    ['Requested model', own.requested_model],
    ['Served by', data.model],
    ['Provider', data.provider_name || '—'],
    ['Status', `${own.status} (HTTP ${own.http_status})`],
    ['Error', own.error_type === null ? '—' : `${own.error_type} ${own.error_code ?? ''}`],
    ['Key', own.key],
    ['Team', own.team ?? '—'],
    [
      'Stream',
      data.streamed
        ? own.interrupted
          ? own.continued
            ? 'yes, continued after a cut'
            : 'yes, cut'
          : 'yes'
        : 'no',
    ],
    ['Cache', own.cache],
    [
      'Tokens',
      `${formatCount(data.tokens_prompt)} in, ${formatCount(data.tokens_completion)} out, ${formatCount(data.native_tokens_cached)} cached, ${formatCount(data.native_tokens_reasoning)} reasoning`,
    ],
    ['Cost', formatMoney(data.total_cost)],
    ['Saved by the cache', formatMoney(data.cache_discount)],
    ['Latency', formatMs(own.latency_ms)],
    ['First token', formatMs(own.first_token_ms)],
    ['Generation time', formatMs(data.generation_time)],
    ['Finish reason', data.finish_reason],
    ['Guardrails', own.guardrails === undefined ? '—' : JSON.stringify(own.guardrails)],
  ]);
}

function route(data: Generation) {
  const { route } = data.switchyard;
  const scores =
    route.scores === undefined
      ? '—'
      : Object.entries(route.scores)
          .map(([target, score]) => `${target} ${score}`)
          .join(', ');
  return [
    h('h3', null, 'Route'),
    facts([
      ['Summary', h('code', null, route.summary)],
      ['Alias', route.alias ?? '—'],
      ['Rule', route.rule === null ? '—' : String(route.rule)],
      ['Reason', route.reason ?? '—'],
      ['Targets', route.targets.join(', ') || '—'],
      ['Scores', scores],
      [
        'Skipped',
        route.skipped.map((entry) => `${entry.target} (${entry.reason})`).join(', ') || '—',
      ],
    ]),
    h('h3', null, 'Attempts'),
    table(
      ['#', 'Target', 'Outcome', 'Status', 'Code', 'Duration'],
      route.attempts.map((attempt, index) =>
        row(
          [
            numeric(String(index + 1)),
            attempt.target,
            h('span', { class: `badge outcome-${attempt.outcome}` }, attempt.outcome),
            numeric(attempt.status === null ? '—' : String(attempt.status)),
            attempt.code ?? '—',
            numeric(formatMs(attempt.duration_ms)),
          ],
          { 'data-attempt': attempt.outcome },
        ),
      ),
    ),
    h('h3', null, 'Cost by segment'),
    table(
      ['Target', 'Outcome', 'Tokens in/out', 'Cost', 'Estimated'],
      route.segments.map((segment) =>
        row([
          segment.target,
          segment.outcome,
          numeric(`${formatCount(segment.input_tokens)} / ${formatCount(segment.output_tokens)}`),
          numeric(formatMoney(segment.cost)),
          segment.estimated ? 'yes' : 'no',
        ]),
      ),
    ),
  ];
}
