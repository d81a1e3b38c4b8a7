import type { RequestRecord } from '../../../observability/request-record.ts';
import { api } from '../api.ts';
import { h } from '../dom.ts';
import { field, form, selectField } from '../form-fields.ts';
import { formatCount, formatMoney, formatMs } from '../format.ts';
import { hashOf } from '../hash-route.ts';
import { numeric, panel, row, table, timeOf } from '../panel.ts';

const filterNames = ['model', 'provider', 'key', 'team', 'status'] as const;
const pageSize = 50;

/** The request log, newest first, with filters and cursor paging: one request per page. */
export function requestsPage(params: URLSearchParams): HTMLElement {
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? '']));
  const cursor = params.get('cursor') ?? undefined;
  const asked = Number(params.get('limit'));
  const limit = Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : pageSize;
  const paging = { ...filters, limit: limit === pageSize ? undefined : String(limit) };
  const filterForm = form(
    { class: 'filters', 'aria-label': 'Filters' },
    [
      field('Model', {
        name: 'model',
        value: filters.model,
        placeholder: 'alias or provider/model',
      }),
      field('Provider', { name: 'provider', value: filters.provider }),
      field('Key', { name: 'key', value: filters.key, placeholder: 'admin or a key hash' }),
      field('Team', { name: 'team', value: filters.team }),
      selectField(
        'Status',
        'status',
        [
          ['', 'any'],
          ['success', 'success'],
          ['error', 'error'],
          ['cancelled', 'cancelled'],
        ],
        filters.status,
      ),
      h('button', { type: 'submit' }, 'Apply'),
    ],
    (values) => {
      location.hash = hashOf('requests', { ...values, limit: paging.limit });
    },
  );
  return h(
    'div',
    { class: 'page' },
    filterForm,
    panel('Requests', async () => {
      const page = await api<{ data: RequestRecord[]; next_cursor: string | null }>(
        '/api/v1/requests',
        { query: { ...filters, cursor, limit } },
      );
      return [
        requestTable(page.data),
        h(
          'nav',
          { class: 'pager' },
          cursor === undefined ? null : h('a', { href: hashOf('requests', paging) }, '« Newest'),
          page.next_cursor === null
            ? null
            : h(
                'a',
                { href: hashOf('requests', { ...paging, cursor: page.next_cursor }), rel: 'next' },
                'Older »',
              ),
        ),
      ];
    }),
  );
}

function requestTable(records: readonly RequestRecord[]) {
  return table(
    [
      'Time',
      'Request',
      'Model',
      'Served by',
      'Key',
      'Team',
      'Status',
      'Cache',
      'Tokens in/out',
      'Cost',
      'Latency',
      'First token',
    ],
    records.map((record) =>
      row(
        [
          timeOf(record.time),
          h('a', { href: hashOf('requests', {}, record.id) }, h('code', null, record.id)),
          record.requested_model,
          record.model ?? '—',
          record.key.label,
          record.team ?? '—',
          h(
            'span',
            { class: `badge status-${record.status}` },
            `${record.status} ${record.http_status}`,
          ),
          record.cache,
          numeric(`${formatCount(record.tokens.input)} / ${formatCount(record.tokens.output)}`),
          numeric(formatMoney(record.cost)),
          numeric(formatMs(record.latency_ms)),
          numeric(formatMs(record.first_token_ms)),
        ],
        { 'data-request': record.id },
      ),
    ),
  );
}
