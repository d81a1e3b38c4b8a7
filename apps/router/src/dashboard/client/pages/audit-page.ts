import type { AuditEntry } from '../../../governance/records/audit-entry.ts';
import { api } from '../api.ts';
import { h } from '../dom.ts';
import { field, form } from '../form-fields.ts';
import { hashOf } from '../hash-route.ts';
import { panel, row, table, timeOf } from '../panel.ts';

const filterNames = ['action', 'actor', 'resource'] as const;

/** The audit log, newest first, with filters and cursor paging: one request per page. */
export function auditPage(params: URLSearchParams): HTMLElement {
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? '']));
  const cursor = params.get('cursor') ?? undefined;
  const filterForm = form(
    { class: 'filters', 'aria-label': 'Filters' },
    [
      field('Action', { name: 'action', value: filters.action, placeholder: 'key.update' }),
      field('Actor', { name: 'actor', value: filters.actor, placeholder: 'admin' }),
      field('Resource', {
        name: 'resource',
        value: filters.resource,
        placeholder: 'team:research',
      }),
      h('button', { type: 'submit' }, 'Apply'),
    ],
    (values) => {
      location.hash = hashOf('audit', values);
    },
  );
  return h(
    'div',
    { class: 'page' },
    filterForm,
    panel('Audit log', async () => {
      const page = await api<{ data: AuditEntry[]; next_cursor: string | null }>('/api/v1/audit', {
        query: { ...filters, cursor, limit: 50 },
      });
      return [
        table(
          ['Time', 'Actor', 'Action', 'Resource', 'Team', 'Changes', 'Address'],
          page.data.map((entry) =>
            row(
              [
                timeOf(entry.time),
                entry.actor,
                entry.action,
                h('code', null, entry.resource),
                entry.team_id ?? '—',
                changes(entry),
                entry.ip ?? '—',
              ],
              { 'data-action': entry.action },
            ),
          ),
        ),
        h(
          'nav',
          { class: 'pager' },
          cursor === undefined ? null : h('a', { href: hashOf('audit', filters) }, '« Newest'),
          page.next_cursor === null
            ? null
            : h(
                'a',
                { href: hashOf('audit', { ...filters, cursor: page.next_cursor }), rel: 'next' },
                'Older »',
              ),
        ),
      ];
    }),
  );
}

/** Each changed field, old → new, as JSON text. */
function changes(entry: AuditEntry) {
  const fields = Object.entries(entry.changes);
  if (fields.length === 0) return '—';
  return h(
    'ul',
    { class: 'changes' },
    fields.map(([name, change]) =>
      h(
        'li',
        null,
        h('code', null, name),
        ` ${JSON.stringify(change.old)} → ${JSON.stringify(change.new)}`,
      ),
    ),
  );
}
